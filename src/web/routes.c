/* routes.c: every route of the web front door, in one table. */
#include "util/compat.h"
#include "web/router.h"

#include "web/page.h"

#define S ROUTE_STORE
#define A (ROUTE_API | ROUTE_STORE)
#define P (ROUTE_PUBLIC | ROUTE_STORE)

const struct route routes[] = {
	/* Public: assets, health, login and the language of the login page. */
	{ "GET", "/static/{}", page_static, PERM_MEMBER, ROUTE_PUBLIC },
	{ "GET", "/healthz", page_health, PERM_MEMBER, ROUTE_PUBLIC },
	{ "GET", "/login", page_login_form, PERM_MEMBER, P },
	{ "POST", "/login", page_login_submit, PERM_MEMBER, P },
	{ "POST", "/lang", page_lang_submit, PERM_MEMBER, P },
	/* Logged in. */
	{ "GET", "/login/mfa", page_mfa_form, PERM_MEMBER, S },
	{ "POST", "/login/mfa", page_mfa_submit, PERM_MEMBER, S },
	{ "POST", "/logout", page_logout, PERM_MEMBER, S },
	{ "POST", "/logout/all", page_logout_all, PERM_MEMBER, S },
	{ "GET", "/", page_home, PERM_MEMBER, S },
	{ "GET", "/start", page_start, PERM_VIEW, S },
	{ "GET", "/profile", page_profile, PERM_VIEW, S },
	{ "POST", "/profile", page_profile_save, PERM_ANSWER, S },
	{ "GET", "/five", page_five, PERM_VIEW, S },
	{ "POST", "/five", page_five_save, PERM_ANSWER, S },
	{ "GET", "/diagnosis", page_diagnosis, PERM_VIEW, S },
	{ "POST", "/diagnosis", page_diagnosis_start, PERM_ANSWER, S },
	{ "GET", "/diagnosis/compare", page_diagnosis_compare, PERM_VIEW, S },
	{ "GET", "/diagnosis/{}", page_diagnosis_show, PERM_VIEW, S },
	{ "POST", "/diagnosis/{}", page_diagnosis_save, PERM_ANSWER, S },
	{ "GET", "/policy", page_doc, PERM_VIEW, S },
	{ "POST", "/policy", page_doc_save, PERM_ANSWER, S },
	{ "GET", "/policy/print", page_doc_print, PERM_VIEW, S },
	{ "POST", "/policy/generate", page_doc_generate, PERM_ANSWER, S },
	{ "POST", "/policy/approve", page_doc_approve, PERM_APPROVE, S },
	{ "POST", "/policy/publish", page_doc_publish, PERM_APPROVE, S },
	{ "GET", "/handbook", page_doc, PERM_MEMBER, S },
	{ "POST", "/handbook", page_doc_save, PERM_ANSWER, S },
	{ "GET", "/handbook/print", page_doc_print, PERM_MEMBER, S },
	{ "POST", "/handbook/generate", page_doc_generate, PERM_ANSWER, S },
	{ "POST", "/handbook/approve", page_doc_approve, PERM_APPROVE, S },
	{ "POST", "/handbook/publish", page_doc_publish, PERM_APPROVE, S },
	{ "GET", "/executive", page_executive, PERM_VIEW, S },
	{ "POST", "/executive", page_executive_save, PERM_APPROVE, S },
	{ "GET", "/cases", page_cases, PERM_MEMBER, S },
	{ "GET", "/cases/{}", page_case_show, PERM_MEMBER, S },
	{ "GET", "/cloud", page_cloud, PERM_VIEW, S },
	{ "POST", "/cloud", page_cloud_create, PERM_ANSWER, S },
	{ "GET", "/cloud/{}", page_cloud_show, PERM_VIEW, S },
	{ "POST", "/cloud/{}", page_cloud_update, PERM_ANSWER, S },
	{ "POST", "/cloud/{}/checks", page_cloud_checks, PERM_ANSWER, S },
	{ "GET", "/controls", page_controls, PERM_MEMBER, S },
	{ "GET", "/controls/{}", page_control_show, PERM_MEMBER, S },
	{ "GET", "/guideline", page_guideline, PERM_MEMBER, S },
	{ "GET", "/guideline/{}", page_guideline_show, PERM_MEMBER, S },
	{ "GET", "/settings", page_settings, PERM_MEMBER, S },
	{ "POST", "/settings/password", page_settings_password, PERM_MEMBER,
	  S },
	{ "POST", "/settings/mfa", page_settings_mfa, PERM_MEMBER, S },
	{ "POST", "/settings/mfa/off", page_settings_mfa_off, PERM_MEMBER, S },
	{ "GET", "/audit", page_audit_list, PERM_AUDIT_VIEW, S },
	{ "GET", "/audit.csv", page_audit_csv, PERM_AUDIT_VIEW, S },
	{ "GET", "/orgs", page_orgs, PERM_MEMBER, S },
	{ "POST", "/orgs/switch", page_org_switch, PERM_MEMBER, S },
	{ "POST", "/orgs", page_org_create, PERM_ADMIN, S },
	{ "POST", "/settings/tokens", page_token_create, PERM_MEMBER, S },
	{ "POST", "/settings/tokens/revoke", page_token_revoke, PERM_MEMBER,
	  S },
	{ "GET", "/members", page_members, PERM_ADMIN, S },
	{ "POST", "/members", page_member_add, PERM_ADMIN, S },
	{ "POST", "/members/roles", page_member_roles, PERM_ADMIN, S },
	{ "POST", "/members/remove", page_member_remove, PERM_ADMIN, S },
	/* The JSON API (docs/api/openapi.yaml). */
	{ "GET", "/api/v1/me", api_me_get, PERM_MEMBER, A },
	{ "PUT", "/api/v1/me", api_me_put, PERM_MEMBER, A },
	{ "GET", "/api/v1/controls", api_controls_list, PERM_MEMBER, A },
	{ "GET", "/api/v1/controls/{}", api_control_get, PERM_MEMBER, A },
	{ "GET", "/api/v1/guideline", api_guideline_list, PERM_MEMBER, A },
	{ "GET", "/api/v1/guideline/{}", api_guideline_get, PERM_MEMBER, A },
	{ "GET", "/api/v1/audit", api_audit_list, PERM_AUDIT_VIEW, A },
	{ "GET", "/api/v1/diagnosis", api_diagnosis_list, PERM_VIEW, A },
	{ "POST", "/api/v1/diagnosis", api_diagnosis_post, PERM_ANSWER, A },
	{ "GET", "/api/v1/diagnosis/{}", api_diagnosis_get, PERM_VIEW, A },
};

const size_t route_count = ARRAY_SIZE(routes);
