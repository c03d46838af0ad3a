/*
 * controlview.h: a control's related controls and everything whose
 * crosswalk names it (guideline items, self-diagnosis items, rule-set
 * sections, incident cases, weaknesses), as the control browser and the
 * Statement of Applicability both show them.
 */
#ifndef MAMORI_WEB_CONTROLVIEW_H
#define MAMORI_WEB_CONTROLVIEW_H

struct control;
struct ctx;

/*
 * Writes the lists into the page; related controls link to related_base
 * and their id ("/controls/", "/soa/").
 */
void controlview_crosswalk(struct ctx *ctx, const struct control *c,
			   const char *related_base);

#endif
