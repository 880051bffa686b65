/*
 * log: one line per event on stderr, "LEVEL subsystem: message".
 * Thread-safe (one fprintf per line).
 */
#ifndef MAMORI_LOG_H
#define MAMORI_LOG_H

enum log_level {
	LOG_ERR,
	LOG_WARN,
	LOG_INFO,
	LOG_DEBUG,
	LOG__MAX
};

/* Lines above this level are dropped; set once at start-up. */
void	log_set_level(enum log_level lvl);
void	log_msg(enum log_level lvl, const char *sys, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#define log_err(sys, ...)	log_msg(LOG_ERR, (sys), __VA_ARGS__)
#define log_warn(sys, ...)	log_msg(LOG_WARN, (sys), __VA_ARGS__)
#define log_info(sys, ...)	log_msg(LOG_INFO, (sys), __VA_ARGS__)
#define log_debug(sys, ...)	log_msg(LOG_DEBUG, (sys), __VA_ARGS__)

#endif
