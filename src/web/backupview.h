/*
 * backupview.h: the /backup page for administrators, and the warning
 * line the home page shows them when backups or restore tests are late.
 */
#ifndef MAMORI_WEB_BACKUPVIEW_H
#define MAMORI_WEB_BACKUPVIEW_H

#include <stdint.h>

struct ctx;

/* How old the newest backup may be without a schedule (7 days), and
 * the newest restore test in any case (about six months). */
enum {
	BACKUP_MAX_AGE = 7 * 24 * 3600,
	RESTORE_TEST_MAX_AGE = 183 * 24 * 3600,
};

/* GET /backup (PERM_ADMIN). */
void page_backup(struct ctx *ctx);

/*
 * For an administrator, a short warning with a link to /backup when the
 * last backup or restore test is too old or missing; nothing otherwise
 * (and nothing for anyone else).  Reads the log, never the page cache.
 */
void backup_warning_render(struct ctx *ctx);

/*
 * How old a backup may grow: the schedule's period and half again (a
 * run may be under way), or BACKUP_MAX_AGE without a schedule.
 */
int64_t backup_max_age(int64_t every);

#endif
