# shequ — small Unix filters for a residential community in lockdown.
# Respects CC CFLAGS CPPFLAGS LDFLAGS LDLIBS PREFIX DESTDIR.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/shequ
MANDIR   ?= $(PREFIX)/share/man
COMPDIR  ?= $(PREFIX)/share/bash-completion/completions
LOCALEDIR ?= $(PREFIX)/share/locale

CC       ?= cc
CFLAGS   ?= -O2 -g
# -Werror only under `make check` (so in CI and land.sh): a newer compiler's
# new warning must not stop a user's `make`.  `make WERROR=-Werror` asks.
WERROR   ?=
WARN      = -std=c11 -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wno-unused-parameter
JANSSON_CFLAGS := $(shell pkg-config --cflags jansson 2>/dev/null)
JANSSON_LIBS   := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
# workbooks (issue #22): libzip and expat read .xlsx, FreeXL .xls,
# libxlsxwriter writes .xlsx
BOOK_PKGS      = libzip expat freexl xlsxwriter
BOOK_CFLAGS   := $(shell pkg-config --cflags $(BOOK_PKGS) 2>/dev/null)
BOOK_LIBS     := $(shell pkg-config --libs $(BOOK_PKGS) 2>/dev/null || echo -lzip -lexpat -lfreexl -lxlsxwriter)
SQ_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(LAYERS:%=-I%) \
              -DSQ_VERSION='"$(VERSION)"' -DSQ_DATADIR='"$(DATADIR)"' \
              -DSQ_LOCALEDIR='"$(LOCALEDIR)"' $(JANSSON_CFLAGS) $(BOOK_CFLAGS)
SQ_LIBS     = -lcsv $(JANSSON_LIBS) $(BOOK_LIBS) -lm -pthread

# Everything built goes under $(B); the sanitizer build uses another $(B).
B        ?= build

# The library in layers, lowest first (docs/ARCHITECTURE.md): the record
# layer, the community's vocabulary, the engines, the programs' skeleton.
# A file may include only from its own layer or a lower one (make check-layers).
LAYERS    = lib values solve rules render match prog
LIB_SRC   = $(sort $(wildcard $(LAYERS:%=%/*.c)))
LIB_OBJ   = $(LIB_SRC:%.c=$(B)/%.o)
LIB_HDR   = $(wildcard $(LAYERS:%=%/*.h))
CMD_SRC   = $(sort $(wildcard cmd/*.c))
PROGS     = $(CMD_SRC:cmd/%.c=$(B)/bin/%)
TOOL_SRC  = $(sort $(wildcard tools/*.c))
TOOLS     = $(TOOL_SRC:tools/%.c=$(B)/tools/%)
UNIT_SRC  = $(sort $(wildcard tests/unit/test_*.c))
UNITS     = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
MAN1      = $(wildcard man/man1/*.1)
MAN7      = $(wildcard man/man7/*.7)

# Messages in the user's language (gettext, in libc): po/LANG.po compiled
# into $(B)/locale/LANG/LC_MESSAGES/shequ.mo, where a program run from
# $(B)/bin looks first.  Without msgfmt (Debian: gettext) the programs
# build all the same and speak English.
MSGFMT   := $(shell command -v msgfmt 2>/dev/null)
PO        = $(wildcard po/*.po)
MO        = $(if $(MSGFMT),$(PO:po/%.po=$(B)/locale/%/LC_MESSAGES/shequ.mo))
# the functions whose argument is a message (po/keywords, one a line)
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C -k $(addprefix --keyword=,$(shell cat po/keywords)) \
                 --add-comments=TRANSLATORS --package-name=shequ --package-version=$(VERSION) \
                 --msgid-bugs-address='the shequ maintainers' --add-location=file --sort-by-file

all: $(PROGS) $(TOOLS) $(MO)

$(B)/locale/%/LC_MESSAGES/shequ.mo: po/%.po
	@mkdir -p $(@D)
	$(MSGFMT) --check -o $@ $<

# Refresh the template from the sources and merge it into each po/LANG.po:
# new messages come in untranslated (tests/messages.t.sh fails until each has
# its translation), vanished ones are kept as obsolete (#~).
PO_SRC = $(LIB_SRC) $(sort $(wildcard cmd/*.c cmd/*/*.c))
po:
	xgettext $(XGETTEXT_FLAGS) -o po/shequ.pot $(PO_SRC)
	for p in $(PO); do msgmerge --quiet --update --backup=none --no-fuzzy-matching \
	    --add-location=file --sort-by-file $$p po/shequ.pot; done

$(LIB_OBJ): $(B)/%.o: %.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SQ_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The data directory is compiled in: rebuild opts.o when it changes, so
# `make install PREFIX=/usr` after a plain `make` does not install
# programs that look in /usr/local.
$(B)/datadir.txt: FORCE
	@mkdir -p $(B); echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ || echo '$(DATADIR) $(LOCALEDIR)' > $@
$(B)/prog/opts.o: $(B)/datadir.txt
FORCE:

$(B)/libshequ.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# A program is cmd/NAME.c (its main) and, when it has more, the parts in
# cmd/NAME/ (its own header and files, by responsibility).
.SECONDEXPANSION:
$(B)/bin/%: cmd/%.c $$(wildcard cmd/$$*/*.c cmd/$$*/*.h) $(B)/libshequ.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SQ_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(wildcard cmd/$*/*.c) $(B)/libshequ.a $(SQ_LIBS) $(LDLIBS)

# A tool likewise: tools/NAME.c and its parts in tools/NAME/.
$(B)/tools/%: tools/%.c $$(wildcard tools/$$*/*.c tools/$$*/*.h) $(B)/libshequ.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SQ_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(wildcard tools/$*/*.c) $(B)/libshequ.a $(SQ_LIBS) $(LDLIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/unit.h $(B)/libshequ.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SQ_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(B)/libshequ.a $(SQ_LIBS) $(LDLIBS)

# test_match: sq-match's model through cmd/sq-match/match.h, linked with the
# program's parts (not its main), as fuzz_match is
MATCH_PARTS = $(sort $(wildcard cmd/sq-match/*.c))
$(B)/tests/test_match: tests/unit/test_match.c tests/unit/unit.h $(MATCH_PARTS) $(wildcard cmd/sq-match/*.h) $(B)/libshequ.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SQ_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(MATCH_PARTS) $(B)/libshequ.a $(SQ_LIBS) $(LDLIBS)
# test_flagsort: sq-flag's sort of its rows, linked with the program's parts
FLAG_PARTS = $(sort $(wildcard cmd/sq-flag/*.c))
$(B)/tests/test_flagsort: tests/unit/test_flagsort.c tests/unit/unit.h $(FLAG_PARTS) $(wildcard cmd/sq-flag/*.h) $(B)/libshequ.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SQ_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(FLAG_PARTS) $(B)/libshequ.a $(SQ_LIBS) $(LDLIBS)

# ---- tests -------------------------------------------------------------
# check: the suite on the normal build, then again under ASan+UBSan.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

check: check-layers test check-asan fuzz-smoke
check: WERROR = -Werror

test: all $(UNITS)
	@sh tests/run-all.sh $(B)

check-asan:
	@$(MAKE) --no-print-directory B=build-asan CFLAGS='$(SAN_FLAGS)' LDFLAGS='$(SAN_FLAGS)' WERROR='$(WERROR)' test

# the read-ahead thread under ThreadSanitizer: every golden case with the
# thread on, and the big-file comparisons (not part of check: a minute)
TSAN_FLAGS = -O1 -g -fsanitize=thread -fno-omit-frame-pointer
check-tsan:
	@$(MAKE) --no-print-directory B=build-tsan CFLAGS='$(TSAN_FLAGS)' LDFLAGS='$(TSAN_FLAGS)' all
	@TSAN_OPTIONS=halt_on_error=1 sh tests/readahead.t.sh build-tsan

# regenerate golden outputs for review with git diff
golden: all
	@SQ_REGEN=1 sh tests/run.sh $(B)

# the sources whose messages are translated (tests/messages.t.sh)
print-po-src:
	@echo $(PO_SRC)

lint-man:
	@sh tests/man.t.sh

# no include from a higher layer (tools/check-layers.sh); the house's shape:
# file sizes, mains, docs/ARCHITECTURE.md naming the tree (tools/check-shape.sh)
check-layers:
	@sh tools/check-layers.sh $(LAYERS)
	@sh tools/check-shape.sh $(LAYERS)

# ---- fuzzing -----------------------------------------------------------
# libFuzzer harnesses, one per parser (fuzz/README).  Built with clang into
# build-fuzz/ with ASan+UBSan; `make fuzz` runs each for SQ_FUZZ_SECONDS;
# `make check` replays the regression inputs and seeds and fuzzes a few
# seconds each (fuzz-smoke), or says SKIP when clang's fuzzer runtime is
# missing (Debian: libclang-rt-14-dev).
FUZZ_CC        ?= clang
FUZZ_SAN        = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRC        = $(sort $(wildcard fuzz/fuzz_*.c))
FUZZERS         = $(FUZZ_SRC:fuzz/%.c=build-fuzz/bin/%)
SQ_FUZZ_SECONDS ?= 60
SQ_FUZZ_SMOKE   ?= 2
# small read and write buffers: lines across reads and flushes mid-record
# with small inputs (and no 256 KB allocation per run, slow under ASan);
# templates that grow without end stop after 100,000 tokens or 1 MB
FUZZ_SMALLBUF   = -DSQ_SOURCE_CHUNK=64 -DSQ_WRITER_BUF=64 \
                  -DSQ_TPL_MAX_STEPS=100000 -DSQ_TPL_MAX_OUTPUT=1048576

fuzz-build:
	@$(MAKE) --no-print-directory B=build-fuzz/obj CC='$(FUZZ_CC)' WERROR='$(WERROR)' \
	    CFLAGS='$(FUZZ_SAN) -fsanitize=fuzzer-no-link $(FUZZ_SMALLBUF)' \
	    build-fuzz/obj/libshequ.a
	@$(MAKE) --no-print-directory WERROR='$(WERROR)' $(FUZZERS)

build-fuzz/bin/%: fuzz/%.c $(wildcard fuzz/*.h) build-fuzz/obj/libshequ.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(SQ_CPPFLAGS) -Ifuzz $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< build-fuzz/obj/libshequ.a $(SQ_LIBS)

# fuzz_match calls sq-match's parsers through cmd/sq-match/match.h, linked
# with the program's parts (not its main)
build-fuzz/bin/fuzz_match: fuzz/fuzz_match.c $(wildcard fuzz/*.h) $(MATCH_PARTS) $(wildcard cmd/sq-match/*.h) build-fuzz/obj/libshequ.a
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(SQ_CPPFLAGS) -Ifuzz $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(MATCH_PARTS) build-fuzz/obj/libshequ.a $(SQ_LIBS)

fuzz: fuzz-build
	@sh fuzz/run.sh $(SQ_FUZZ_SECONDS)

# can this clang link a libFuzzer target?  (no: SKIP, not FAIL)
FUZZ_PROBE = mkdir -p build-fuzz && \
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' | \
	$(FUZZ_CC) -x c -fsanitize=fuzzer,address -o build-fuzz/probe - >/dev/null 2>&1

fuzz-smoke:
	@if $(FUZZ_PROBE); then \
	    $(MAKE) --no-print-directory WERROR='$(WERROR)' fuzz-build >/dev/null && \
	    sh fuzz/run.sh $(SQ_FUZZ_SMOKE); \
	else echo "SKIP fuzz: $(FUZZ_CC) cannot link -fsanitize=fuzzer (install libclang-rt-14-dev)"; fi

# Install the build and test dependencies (Debian; as root).
deps:
	sh tools/install-deps.sh

# The daily job on the bundled sample community, into demo/ (its state,
# the streaks, in demo.state/).
# The sample is messy on purpose: data problems (exit 1) are expected.
demo: all
	@PATH="$(CURDIR)/$(B)/bin:$$PATH" SHEQU_DATADIR="$(CURDIR)/share" \
	    sh share/shequ-daily -s demo.state share/examples/sample demo 2>demo.log; \
	    rc=$$?; [ $$rc -le 1 ] || { cat demo.log; exit $$rc; }; \
	    echo "demo: outputs in demo/ (messages in demo.log)"; \
	    echo "demo: the bulletin is demo/bulletin.html (for the group: demo/bulletin.txt)"

# The request model (sq-requests(1)) from the labelled requests: the
# training split only, never tests/data/requests/test.csv.
TRAIN_CORPUS = tests/data/requests/train.csv tests/data/requests/tuned.csv \
               $(wildcard tests/data/requests/train-b.csv tests/data/requests/train-c.csv \
                         tests/data/requests/train-d.csv tests/data/requests/train-e.csv)
retrain: $(B)/tools/sq-train
	$(B)/tools/sq-train -D share $(TRAIN_CORPUS) > share/requests/model.txt.new
	mv share/requests/model.txt.new share/requests/model.txt

# 10-fold cross-validation of the whole triage on the training split
crossval: $(B)/tools/sq-train
	$(B)/tools/sq-train -D share -k 10 $(TRAIN_CORPUS)

bench: all
	@sh bench/run.sh

# reading a 1,000,000-row .xlsx against csvkit's in2csv (bench/README)
bench-book: all
	@sh bench/book.sh

# ---- install -----------------------------------------------------------
install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(COMPDIR)
	for p in $(PROGS); do install -m 755 $$p $(DESTDIR)$(BINDIR)/; done
	install -m 755 share/shequ-daily $(DESTDIR)$(BINDIR)/shequ-daily
	cp -R share/. $(DESTDIR)$(DATADIR)/
	for m in $(MAN1); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN7); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/; done
	for p in $(PROGS); do n=$$(basename $$p); \
	  printf 'complete -F _longopt %s\n' $$n > $(DESTDIR)$(COMPDIR)/$$n; done
	for m in $(MO); do l=$$(basename $$(dirname $$(dirname $$m))); \
	  mkdir -p $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/shequ.mo; done

uninstall:
	for p in $(PROGS); do n=$$(basename $$p); rm -f $(DESTDIR)$(BINDIR)/$$n $(DESTDIR)$(COMPDIR)/$$n; done
	rm -f $(DESTDIR)$(BINDIR)/shequ-daily
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$$(basename $$m); done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$$(basename $$m); done
	rm -rf $(DESTDIR)$(DATADIR)
	for p in $(PO); do l=$$(basename $$p .po); rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/shequ.mo; done

clean:
	rm -rf build build-asan build-fuzz

PHONY_REQ = retrain crossval
.PHONY: $(PHONY_REQ) FORCE deps demo all po print-po-src check check-layers test check-asan check-tsan golden lint-man bench bench-book install uninstall clean
.PHONY: fuzz fuzz-build fuzz-smoke
.SUFFIXES:
