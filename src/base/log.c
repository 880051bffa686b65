#include "log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>

#include "buf.h"

static _Atomic int log_level = LOG_INFO;

static const char *const log_names[LOG__MAX] = {
	[LOG_ERR] = "error",
	[LOG_WARN] = "warning",
	[LOG_INFO] = "info",
	[LOG_DEBUG] = "debug",
};

void
log_set_level(enum log_level lvl)
{
	log_level = (int)lvl;
}

void
log_msg(enum log_level lvl, const char *sys, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if ((int)lvl > log_level)
		return;
	buf_printf(&b, "%s %s: ", log_names[lvl], sys);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_addc(&b, '\n');
	fputs(buf_cstr(&b), stderr);
	buf_free(&b);
}
