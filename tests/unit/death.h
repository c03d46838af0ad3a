/* death.h: death tests, for the paths that end the process with abort(). */
#ifndef MAMORI_TESTS_UNIT_DEATH_H
#define MAMORI_TESTS_UNIT_DEATH_H

/*
 * Include after <cmocka.h>.  BUG() and the out-of-memory paths of
 * util/alloc.c abort, so a test runs them in a child process and checks in
 * the parent that the child died of SIGABRT after saying why on stderr.
 */
#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * A routine of libgcov, linked in coverage builds only (weak, so NULL
 * otherwise); only its address is used, to tell the builds apart.
 */
extern void __gcov_merge_add(long long *counters, unsigned count)
	__attribute__((weak));

/*
 * abort() skips the exit-time dump of the coverage counters, so a path that
 * ends in BUG() would never count as covered.  In a coverage build the
 * aborting child first forks a grandchild that exits normally and writes
 * the counters, then dies of the signal itself.  fork is called through a
 * pointer: a direct call is rewritten into libgcov's __gcov_fork, which
 * zeroes the new process's counters.
 */
static void death_on_abort(int sig)
{
	pid_t (*volatile fork_fn)(void) = fork;

	if (__gcov_merge_add) {
		pid_t pid = fork_fn();

		if (pid == 0)
			exit(0);
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Runs fn(arg) in a child process and fails the test unless the child is
 * killed by SIGABRT and its stderr contains want.
 */
static void death_expect_abort(void (*fn)(void *), void *arg, const char *want)
{
	char out[4096], spill[512];
	size_t len = 0;
	int fds[2], status;
	pid_t pid;

	/* Nothing buffered may be written twice by the child. */
	fflush(stdout);
	fflush(stderr);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
		close(fds[1]);
		signal(SIGABRT, death_on_abort);
		fn(arg);
		_exit(0);
	}
	close(fds[1]);
	for (;;) {
		/* Past sizeof(out), the rest is read and dropped. */
		int full = len == sizeof(out) - 1;
		ssize_t n =
			full ? read(fds[0], spill, sizeof(spill))
			     : read(fds[0], out + len, sizeof(out) - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (!full)
			len += (size_t)n;
	}
	close(fds[0]);
	out[len] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
		fail_msg("the child was not killed by SIGABRT (status %#x), "
			 "stderr: %s",
			 (unsigned)status, out);
	if (!strstr(out, want))
		fail_msg("the child's stderr lacks '%s': %s", want, out);
}

#endif
