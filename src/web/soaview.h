/*
 * soaview.h: what the Statement of Applicability's pages, its API and
 * `mamori soa` share: the full statement over the catalogue's controls,
 * the suggestions with their sources, the changes that write it and its
 * rows as a spreadsheet in a chosen language.
 */
#ifndef MAMORI_WEB_SOAVIEW_H
#define MAMORI_WEB_SOAVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/soa.h"
#include "core/text.h"

struct arena;
struct catalog;
struct error;
struct i18n;
struct incident_case;
struct store;
struct strbuf;

/*
 * The statement of org_id: one entry per catalogue control, in the
 * catalogue's order, the working row where there is one and a fresh
 * undecided entry where not.  *started tells whether any row exists.
 */
int soaview_entries(struct store *store, struct arena *arena,
		    const struct catalog *cat, int64_t org_id,
		    struct soa_entry **rows, size_t *count, int *started,
		    struct error *err);

/* The entry of control in entries (count of them), or NULL. */
struct soa_entry *soaview_find(struct soa_entry *entries, size_t count,
			       const char *control);

/*
 * The risks each control was chosen for, from the open assessment:
 * counts[i] for the catalogue's control i (an array from arena).
 */
int soaview_risk_counts(struct store *store, struct arena *arena,
			const struct catalog *cat, int64_t org_id,
			int64_t **counts, struct error *err);

/*
 * The open suggestions for org_id's statement (entries, count of them):
 * from risk treatments, weak self-diagnosis answers and, when
 * picked_case is not NULL, that incident case.
 */
int soaview_suggestions(struct store *store, struct arena *arena,
			const struct catalog *cat, int64_t org_id,
			const struct incident_case *picked_case,
			const struct soa_entry *entries, size_t count,
			struct soa_suggestion **out, size_t *out_count,
			struct error *err);

/*
 * Writes entry e (validated here, after soa_entry_normalise()) in place
 * of old, starting the statement first when needed; before and after get
 * the changed fields for the audit trail, and *changed 0 when nothing
 * changed (then nothing is written).  Run it inside the transaction that
 * also appends the audit event.
 */
int soaview_save(struct store *store, const struct catalog *cat, int64_t org_id,
		 const struct soa_entry *old, struct soa_entry *e, int64_t now,
		 struct strbuf *before, struct strbuf *after, int *changed,
		 struct error *err);

/*
 * Records the decision on suggestion s (accepted: the entry applies with
 * the suggestion's reason).  entry is the control's entry, changed in
 * place when accepted; before and after as for soaview_save().  Inside a
 * transaction, with its audit event.
 */
int soaview_decide(struct store *store, const struct catalog *cat,
		   int64_t org_id, const struct soa_suggestion *s, int accept,
		   struct soa_entry *entry, const char *by, int64_t now,
		   struct strbuf *before, struct strbuf *after,
		   struct error *err);

/*
 * Approves the working statement as the next version, after checking
 * under the write lock that nothing blocks it (ERROR_CONFLICT
 * "soa.blocked" otherwise, with the number of blockers).  Inside a
 * transaction, with its audit event.
 */
int soaview_approve(struct store *store, struct arena *arena,
		    const struct catalog *cat, int64_t org_id, const char *by,
		    const char *on, int64_t now, int64_t *no,
		    struct error *err);

/* Values in a language: the message of "<prefix>.<name>". */
const char *soaview_applicable_text(const struct i18n *msgs, enum lang lang,
				    enum soa_applicability a);
/* The status, or the word for "not set". */
const char *soaview_status_text(const struct i18n *msgs, enum lang lang,
				int status);
/* The reasons as words joined by "、" (ja) or ", " (en); "" for none. */
const char *soaview_reasons_text(const struct i18n *msgs, enum lang lang,
				 unsigned reasons, struct arena *arena);
/* What stops approval, with the control named. */
const char *soaview_blocker_text(const struct i18n *msgs, enum lang lang,
				 const struct soa_blocker *b,
				 struct arena *arena);

/*
 * Where suggestion s comes from and why, in lang: "リスク対応: 顧客名簿 /
 * 不正アクセス（3件）", "自社診断 7: 一部実施", "事例 c05: …".
 */
const char *soaview_source_text(const struct catalog *cat,
				const struct i18n *msgs, enum lang lang,
				const struct soa_suggestion *s,
				struct arena *arena);

/* The columns of the statement as a spreadsheet. */
enum soaview_column {
	SOAV_CONTROL,
	SOAV_THEME,
	SOAV_TITLE,
	SOAV_APPLICABLE,
	SOAV_REASONS,
	SOAV_JUSTIFICATION,
	SOAV_STATUS,
	SOAV_OWNER,
	SOAV_NOTES,
	SOAV_RISKS,
	SOAV_REVIEWED_ON,
	SOAV_COLUMN_COUNT
};

/* The column's stable key ("control", …) for JSON and CSV scripts. */
const char *soaview_column_key(enum soaview_column c);
/* Its width in a workbook. */
double soaview_column_width(enum soaview_column c);
/* The header row in lang. */
void soaview_header(const struct i18n *msgs, enum lang lang,
		    const char *cells[SOAV_COLUMN_COUNT]);
/* The row of entry e in lang (cells from arena). */
void soaview_row(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct soa_entry *e, int64_t risks,
		 struct arena *arena, const char *cells[SOAV_COLUMN_COUNT]);

/*
 * The statement as CSV (with a BOM, so Excel reads UTF-8) or as a
 * workbook of one sheet at path, in lang.  risks as from
 * soaview_risk_counts() (entries in catalogue order), or NULL.
 */
void soaview_csv(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct soa_entry *entries, size_t count,
		 const int64_t *risks, struct arena *arena, struct strbuf *out);
int soaview_xlsx(const struct catalog *cat, const struct i18n *msgs,
		 enum lang lang, const struct soa_entry *entries, size_t count,
		 const int64_t *risks, struct arena *arena, const char *path,
		 struct error *err);

#endif
