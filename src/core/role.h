/* role.h: the roles a member can hold in an organisation. */
#ifndef MAMORI_CORE_ROLE_H
#define MAMORI_CORE_ROLE_H

enum role {
	ROLE_EXECUTIVE,	      /* 経営者 */
	ROLE_SECURITY_LEAD,   /* 情報セキュリティ責任者 */
	ROLE_DEPARTMENT_LEAD, /* 部門責任者 */
	ROLE_SYSADMIN,	      /* システム管理者 */
	ROLE_TRAINING_LEAD,   /* 教育責任者 */
	ROLE_AUDIT_LEAD,      /* 内部監査責任者 */
	ROLE_DOCUMENT_LEAD,   /* 文書管理責任者 */
	ROLE_EMPLOYEE,	      /* 従業員 */
	ROLE_AUDITOR,	      /* 外部監査人: read-only, with an end date */
	ROLE_CONSULTANT,      /* supports several organisations */
	ROLE_COUNT
};

/* The role's name in files, the store and options ("security_lead"). */
const char *role_name(enum role role);
/* Returns 0 and sets *role, or -1 for an unknown name. */
int role_parse(const char *name, enum role *role);
/* Returns 1 for the roles that administer an organisation (MFA needed). */
int role_is_admin(enum role role);

#endif
