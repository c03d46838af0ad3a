/* page.h: helpers every page and API handler shares, and the handlers. */
#ifndef MAMORI_WEB_PAGE_H
#define MAMORI_WEB_PAGE_H

#include <stdint.h>

#include "web/router.h"

struct error;
struct gz_body;
struct strbuf;

/* The message for key in the request's language. */
const char *t(const struct ctx *ctx, const char *key);
/* The message for key with {1} replaced by arg (an arena string). */
const char *t1(const struct ctx *ctx, const char *key, const char *arg);
/* The message for key with {1} … {n} replaced by args[0 … n-1]. */
const char *tn(const struct ctx *ctx, const char *key, const char *const *args,
	       int n);
/* Writes the escaped message for key into the page body. */
void page_t(struct ctx *ctx, const char *key);

/* An error page (400, 403, 404, 405, 413, 500) with message key. */
void page_error(struct ctx *ctx, int status, const char *key);
/* Appends err's message in the request's language to out. */
void i18n_error_text(const struct ctx *ctx, const struct error *err,
		     struct strbuf *out);
/* Shows err on a 4xx/5xx page according to its code. */
void page_fail(struct ctx *ctx, const struct error *err);
/*
 * Answers a workbook that write(path, arg, err) makes at path: a private
 * temporary file (libxlsxwriter writes by name), read into the body and
 * removed at once.  Sets the content type; the caller names the
 * attachment.  0, or -1 after answering the error.
 */
int page_send_xlsx(struct ctx *ctx,
		   int (*write)(const char *path, void *arg, struct error *err),
		   void *arg);

/*
 * Records an event of the logged-in user in the organisation's audit
 * chain (call inside the transaction of the change it records).
 */
int page_audit(struct ctx *ctx, const char *action, const char *target,
	       const char *before, const char *after, struct error *err);
/* The same for an explicit organisation and actor (login, failures). */
int page_audit_as(struct ctx *ctx, int64_t org_id, int64_t account_id,
		  const char *actor, const char *action, const char *target,
		  struct error *err);

/*
 * Sends a body kept for the server's lifetime, gzip-compressed when the
 * client accepts it and it pays (Vary: Accept-Encoding either way).
 */
void page_send_body(struct ctx *ctx, const struct gz_body *b);

/*
 * The office's calendar day (the server's local time), YYYY-MM-DD: the
 * day people see and type, for registration dates and what is late.
 */
const char *page_today(struct ctx *ctx);
/* The office's calendar day of a time (Unix seconds), YYYY-MM-DD. */
const char *page_date(struct ctx *ctx, int64_t at);

/*
 * The route's {} as a positive id into *id; 0, or -1 after answering
 * 404 with the message not_found.
 */
int page_route_id(struct ctx *ctx, const char *not_found, int64_t *id);

/* The CSRF token field for forms of the logged-in user. */
void page_csrf_field(struct ctx *ctx);

/*
 * Answers with an RFC 9457 problem+json body: type urn:mamori:problem:KEY,
 * the title in the request's language, status and an optional detail.
 */
void api_problem(struct ctx *ctx, int status, const char *key,
		 const char *detail);

/* Handlers, one file per resource (page_<resource>.c, api_<resource>.c). */
void page_static(struct ctx *ctx);
void page_login_form(struct ctx *ctx);
void page_login_submit(struct ctx *ctx);
void page_mfa_form(struct ctx *ctx);
void page_mfa_submit(struct ctx *ctx);
void page_logout(struct ctx *ctx);
void page_logout_all(struct ctx *ctx);
void page_lang_submit(struct ctx *ctx);
void page_home(struct ctx *ctx);
void page_controls(struct ctx *ctx);
void page_control_show(struct ctx *ctx);
void page_guideline(struct ctx *ctx);
void page_guideline_show(struct ctx *ctx);
void page_settings(struct ctx *ctx);
void page_settings_password(struct ctx *ctx);
void page_settings_mfa(struct ctx *ctx);
void page_settings_mfa_off(struct ctx *ctx);
void page_audit_list(struct ctx *ctx);
void page_audit_csv(struct ctx *ctx);
/* page_pack.c: the audit document pack. */
void page_pack(struct ctx *ctx);
void page_pack_build(struct ctx *ctx);
void page_pack_download(struct ctx *ctx);
void page_orgs(struct ctx *ctx);
void page_org_switch(struct ctx *ctx);
void page_org_create(struct ctx *ctx);
void page_health(struct ctx *ctx);
void page_token_create(struct ctx *ctx);
void page_start(struct ctx *ctx);
void page_profile(struct ctx *ctx);
void page_profile_save(struct ctx *ctx);
void page_five(struct ctx *ctx);
void page_five_save(struct ctx *ctx);
void page_diagnosis(struct ctx *ctx);
void page_diagnosis_start(struct ctx *ctx);
void page_diagnosis_show(struct ctx *ctx);
void page_diagnosis_save(struct ctx *ctx);
void page_diagnosis_compare(struct ctx *ctx);
void page_doc(struct ctx *ctx);
void page_doc_print(struct ctx *ctx);
void page_doc_pdf(struct ctx *ctx);
void page_doc_generate(struct ctx *ctx);
void page_doc_save(struct ctx *ctx);
void page_doc_approve(struct ctx *ctx);
void page_doc_publish(struct ctx *ctx);
void page_executive(struct ctx *ctx);
void page_executive_save(struct ctx *ctx);
void page_cases(struct ctx *ctx);
void page_case_show(struct ctx *ctx);
void page_case_risks(struct ctx *ctx);
void page_cloud(struct ctx *ctx);
void page_cloud_create(struct ctx *ctx);
void page_cloud_show(struct ctx *ctx);
void page_cloud_update(struct ctx *ctx);
void page_cloud_checks(struct ctx *ctx);
void page_assets(struct ctx *ctx);
void page_asset_new(struct ctx *ctx);
void page_asset_create(struct ctx *ctx);
void page_asset_show(struct ctx *ctx);
void page_asset_update(struct ctx *ctx);
void page_asset_delete(struct ctx *ctx);
void page_asset_bulk(struct ctx *ctx);
void page_asset_labels(struct ctx *ctx);
void page_asset_export_csv(struct ctx *ctx);
void page_asset_export_xlsx(struct ctx *ctx);
void page_asset_import(struct ctx *ctx);
void page_asset_import_check(struct ctx *ctx);
void page_asset_import_show(struct ctx *ctx);
void page_asset_import_run(struct ctx *ctx);
void page_asset_labels_save(struct ctx *ctx);
void page_risks(struct ctx *ctx);
void page_risk_method(struct ctx *ctx);
void page_risk_method_save(struct ctx *ctx);
void page_risk_new(struct ctx *ctx);
void page_risk_create(struct ctx *ctx);
void page_risk_show(struct ctx *ctx);
void page_risk_update(struct ctx *ctx);
void page_risk_accept(struct ctx *ctx);
void page_risk_delete(struct ctx *ctx);
void page_risk_report(struct ctx *ctx);
void page_risk_report_pdf(struct ctx *ctx);
void page_plan(struct ctx *ctx);
void page_plan_create(struct ctx *ctx);
void page_plan_update(struct ctx *ctx);
void page_plan_delete(struct ctx *ctx);
void page_soa(struct ctx *ctx);
void page_soa_approve(struct ctx *ctx);
void page_soa_show(struct ctx *ctx);
void page_soa_save(struct ctx *ctx);
void page_soa_suggestions(struct ctx *ctx);
void page_soa_decide(struct ctx *ctx);
void page_soa_versions(struct ctx *ctx);
void page_soa_version_show(struct ctx *ctx);
void page_soa_diff(struct ctx *ctx);
void page_soa_export_csv(struct ctx *ctx);
void page_soa_export_xlsx(struct ctx *ctx);
void page_soa_export_pdf(struct ctx *ctx);
void page_checklist(struct ctx *ctx);
void page_checklist_gaps(struct ctx *ctx);
void page_checklist_item(struct ctx *ctx);
void page_checklist_save(struct ctx *ctx);
void page_checklist_export_csv(struct ctx *ctx);
void page_checklist_export_xlsx(struct ctx *ctx);
void page_documents(struct ctx *ctx);
void page_document_new(struct ctx *ctx);
void page_document_create(struct ctx *ctx);
void page_document_preview(struct ctx *ctx);
void page_document_export_csv(struct ctx *ctx);
void page_document_export_xlsx(struct ctx *ctx);
void page_document_show(struct ctx *ctx);
void page_document_update(struct ctx *ctx);
void page_document_edit(struct ctx *ctx);
void page_document_save(struct ctx *ctx);
void page_document_submit(struct ctx *ctx);
void page_document_return(struct ctx *ctx);
void page_document_approve(struct ctx *ctx);
void page_document_withdraw(struct ctx *ctx);
void page_document_version(struct ctx *ctx);
void page_document_diff(struct ctx *ctx);
void page_members(struct ctx *ctx);
void page_member_add(struct ctx *ctx);
void page_member_roles(struct ctx *ctx);
void page_member_remove(struct ctx *ctx);
void page_token_revoke(struct ctx *ctx);
void api_me_get(struct ctx *ctx);
void api_dashboard_get(struct ctx *ctx);
void api_me_put(struct ctx *ctx);
void api_controls_list(struct ctx *ctx);
void api_control_get(struct ctx *ctx);
void api_guideline_list(struct ctx *ctx);
void api_guideline_get(struct ctx *ctx);
void api_audit_list(struct ctx *ctx);
void api_profile_get(struct ctx *ctx);
void api_profile_put(struct ctx *ctx);
void api_five_get(struct ctx *ctx);
void api_five_put(struct ctx *ctx);
void api_doc_get(struct ctx *ctx);
void api_executive_get(struct ctx *ctx);
void api_cloud_list(struct ctx *ctx);
void api_cloud_get(struct ctx *ctx);
void api_cloud_post(struct ctx *ctx);
void api_cases_list(struct ctx *ctx);
void api_case_get(struct ctx *ctx);
void api_case_risks(struct ctx *ctx);
void api_diagnosis_list(struct ctx *ctx);
void api_diagnosis_get(struct ctx *ctx);
void api_diagnosis_post(struct ctx *ctx);
void api_documents_list(struct ctx *ctx);
void api_document_post(struct ctx *ctx);
void api_document_get(struct ctx *ctx);
void api_document_patch(struct ctx *ctx);
void api_document_versions(struct ctx *ctx);
void api_document_version(struct ctx *ctx);
void api_document_approve(struct ctx *ctx);
void api_document_withdraw(struct ctx *ctx);
void api_assets_list(struct ctx *ctx);
void api_asset_post(struct ctx *ctx);
void api_asset_get(struct ctx *ctx);
void api_asset_put(struct ctx *ctx);
void api_asset_delete(struct ctx *ctx);
void api_risk_method_get(struct ctx *ctx);
void api_risks_list(struct ctx *ctx);
void api_risk_post(struct ctx *ctx);
void api_risk_heatmap(struct ctx *ctx);
void api_risk_get(struct ctx *ctx);
void api_risk_patch(struct ctx *ctx);
void api_risk_delete(struct ctx *ctx);
void api_risk_accept(struct ctx *ctx);
void api_plan_list(struct ctx *ctx);
void api_plan_post(struct ctx *ctx);
void api_plan_get(struct ctx *ctx);
void api_plan_patch(struct ctx *ctx);
void api_plan_delete(struct ctx *ctx);
void api_soa_list(struct ctx *ctx);
void api_soa_get(struct ctx *ctx);
void api_soa_patch(struct ctx *ctx);
void api_soa_versions(struct ctx *ctx);
void api_soa_version_get(struct ctx *ctx);
void api_soa_approve(struct ctx *ctx);
void api_checklist_list(struct ctx *ctx);
void api_checklist_gaps(struct ctx *ctx);
void api_checklist_get(struct ctx *ctx);
void api_checklist_patch(struct ctx *ctx);

#endif
