# mamori — one Makefile.  `make` builds ./mamori; `make run` serves it;
# `make check` builds with ASan+UBSan and runs every test.
# Local overrides (CC, CFLAGS, PREFIX…) go in config.mk.
-include config.mk

CC	?= cc
PKGS	 = libmicrohttpd sqlite3 libpq jansson yaml-0.1 libsodium libqrencode \
	   cairo pangocairo librsvg-2.0 xlsxwriter zlib libzip liboath libcurl
WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla \
	   -Wwrite-strings -Wundef -Wno-unused-parameter
CSTD	 = -std=c17 -D_GNU_SOURCE
# -isystem: warnings are ours to fix, not those of glib's headers.
PKG_CFLAGS	:= $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS	:= $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS	 = $(PKG_LIBS) -lpthread -lm

# MODE=rel (default) or MODE=asan; each builds in its own folder.
MODE	?= rel
ifeq ($(MODE),asan)
OPT	 = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=undefined
LDSAN	 = -fsanitize=address,undefined
else
OPT	?= -O2 -g
LDSAN	 =
endif
B	 = build/$(MODE)
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -Isrc $(PKG_CFLAGS) $(CFLAGS)

SRCS	:= $(shell find src -name '*.c' ! -name main.c | sort)
SQLFILES := $(sort $(wildcard sql/*/*.sql))
WEBFILES := $(shell find web -type f 2>/dev/null | sort)
GENSRCS	 = $(B)/gen/embed_sql.c $(B)/gen/embed_web.c
OBJS	:= $(SRCS:%.c=$(B)/%.o) $(GENSRCS:.c=.o)
UNIT	:= $(shell find tests/unit -name 'test_*.c' 2>/dev/null | sort)
UNITBIN	:= $(UNIT:tests/unit/%.c=$(B)/unit/%)
TLIB	:= $(wildcard tests/lib/*.c)

.PHONY: all run check unit bench fuzz clean deps deps-check distclean
all: mamori

mamori: $(B)/mamori
	@if [ "$(MODE)" = rel ]; then cp $(B)/mamori mamori.tmp && mv -f mamori.tmp mamori; fi

$(B)/mamori: $(B)/src/main.o $(B)/libmamori.a
	$(CC) $(LDSAN) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B)/libmamori.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/gen/embed_sql.c: $(SQLFILES) scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh embed_sql $(SQLFILES) > $@.tmp && mv $@.tmp $@

$(B)/gen/embed_web.c: $(WEBFILES) scripts/embed.sh
	@mkdir -p $(@D)
	sh scripts/embed.sh embed_web $(WEBFILES) > $@.tmp && mv $@.tmp $@

$(B)/gen/%.o: $(B)/gen/%.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(B)/unit/%: tests/unit/%.c $(TLIB) $(B)/libmamori.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests/lib -o $@ $< $(TLIB) $(B)/libmamori.a \
	    $(LDSAN) $(LIBS) -lcmocka

-include $(OBJS:.o=.d) $(B)/src/main.d

deps:
	@sh scripts/deps.sh run

deps-check:
	@sh scripts/deps.sh check

# LISTEN=0.0.0.0:8080 serves the office network (phones can then open
# the respondents' links); the default keeps mamori on this computer.
LISTEN	?= 127.0.0.1:8080
run: deps
	@$(MAKE) --no-print-directory mamori
	./mamori serve --db sqlite:var/mamori.db --listen $(LISTEN)

unit: $(UNITBIN)

check: deps-check
	@$(MAKE) --no-print-directory MODE=asan build/asan/mamori unit \
	    fuzz-replay build/asan/bench-scale
	@$(MAKE) --no-print-directory CC=clang B=build/clang build/clang/mamori
	@# the binary `make run` builds: gcc -O2 warns about things -O1 does not
	@$(MAKE) --no-print-directory mamori
	@sh tests/run.sh build/asan

# Two nodes on one PostgreSQL first (BENCH_PG line), then the embedded
# SQLite default, whose BENCH line closes the output.
bench: deps-check
	@$(MAKE) --no-print-directory mamori
	@BENCH_ENGINE=postgres BENCH_NODES=2 BENCH_LABEL=BENCH_PG sh bench/run.sh
	@sh bench/run.sh

# bench-scale: a million organisations and one company's statistics
# (BENCH_ORGS and BENCH_QUERIES: see bench/scale.sh).  make check runs the
# same binary on 2,000 (tests/run.sh, bench-scale-small).
$(B)/bench-scale: bench/scale.c $(B)/libmamori.a
	$(CC) $(CFLAGS_ALL) -o $@ bench/scale.c $(B)/libmamori.a $(LDSAN) $(LIBS)

.PHONY: bench-scale
bench-scale: deps-check
	@$(MAKE) --no-print-directory $(B)/bench-scale
	@sh bench/scale.sh $(B)/bench-scale

FUZZ	:= $(wildcard tests/fuzz/fuzz_*.c)
FUZZREL	:= $(FUZZ:tests/fuzz/%.c=build/fuzz/%)
FUZZREP	:= $(FUZZ:tests/fuzz/%.c=$(B)/fuzzrep/%)
FUZZSECS ?= 30

# Harnesses link the parsers only (base, model, http/parse): no server.
FUZZSRCS := $(wildcard src/base/*.c src/model/diag*.c src/model/grants.c \
	    src/http/parse.c \
	    src/content/yaml.c)
build/fuzz/%: tests/fuzz/%.c $(FUZZSRCS)
	@mkdir -p $(@D)
	clang $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
	    $(PKG_CFLAGS) -o $@ $< $(FUZZSRCS) $(LIBS)

# Replays the kept corpus and regressions through the harness under
# ASan+UBSan without libFuzzer (tests/fuzz/replay.c drives it).
$(B)/fuzzrep/%: tests/fuzz/%.c tests/fuzz/replay.c $(B)/libmamori.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $< tests/fuzz/replay.c $(B)/libmamori.a \
	    $(LDSAN) $(LIBS)

.PHONY: fuzz-replay
fuzz-replay: $(FUZZREP)

fuzz: $(FUZZREL)
	@sh tests/fuzz/run.sh $(FUZZSECS)

clean:
	rm -rf build mamori

distclean: clean
	rm -rf var tests/browser/node_modules
