# Keepwarm: `make run` to try it on demo data, `make test` to check it.
SWIFT ?= swift
DEMO_LOG ?= demo/events.log
# The demo history ends "now" unless DEMO_NOW pins it (for reproducible screenshots).
DEMO_NOW ?=
DEMO_FLAGS = $(if $(DEMO_NOW),--now "$(DEMO_NOW)",)

.PHONY: build test run release clean demo bench soak fuzz man tools test-tools

# What the console and the tests need beyond the Swift toolchain (libncurses-dev; tmux, msmtp, aiosmtpd, icalendar),
# installed with apt-get (and pip for a non-Debian python3) when missing; needs root or sudo. See scripts/install-tools.
tools:
	bash scripts/install-tools run
test-tools:
	bash scripts/install-tools test

build: tools
	$(SWIFT) build

test: test-tools
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The crash-safety test with 500 SIGKILLs instead of 50 (a minute or two); KEEPWARM_SOAK_SEED=N repeats a run.
soak: test-tools
	$(SWIFT) build --build-tests
	KEEPWARM_SOAK_KILLS=500 $(SWIFT) test --skip-build --filter CrashSafetyTests

# The fuzz tests (line decoder, date parser, console forms) with a million inputs each instead of 20,000, optimised
# (testable, so the tests still see internals); the time limit turns a hang into a failure. KEEPWARM_FUZZ_SEED=N
# tries other inputs; a failure prints the seed and count that repeat it.
FUZZ_INPUTS ?= 1000000
fuzz: test-tools
	$(SWIFT) build -c release --build-tests -Xswiftc -enable-testing
	KEEPWARM_FUZZ_INPUTS=$(FUZZ_INPUTS) timeout 1800 $(SWIFT) test -c release -Xswiftc -enable-testing --skip-build --filter FuzzTests

$(DEMO_LOG): tools
	$(SWIFT) build
	$$($(SWIFT) build --show-bin-path)/keepwarm demo --out $(DEMO_LOG) --events 20000 --seed 7 $(DEMO_FLAGS)

demo: $(DEMO_LOG)

run: build $(DEMO_LOG)
	$$($(SWIFT) build --show-bin-path)/keepwarm --log $(DEMO_LOG)

# The man page, made from every command's --help by swift-argument-parser's manual plugin (offline; reuses the debug
# build). README says how to install it.
MAN_PAGE = .build/man/keepwarm.1
man:
	$(SWIFT) package plugin generate-manual --configuration debug
	mkdir -p $(dir $(MAN_PAGE))
	cp .build/plugins/GenerateManual/outputs/keepwarm/keepwarm.1 $(MAN_PAGE)
	@echo "wrote $(MAN_PAGE); read it with: man -l $(MAN_PAGE)"

# The release build carries the Swift runtime and Foundation inside the binary (--static-swift-stdlib): a command then
# starts in about 10 ms instead of 20, with no shared libraries to load and bind, which every script and cron job pays
# (Docs/performance.md, "The snapshot, round three"). The binary is larger (about 100 MB) and needs no Swift on the machine.
# Linked by the toolchain's lld: gold warns about the static Foundation's own use of mktemp, which is not ours to mend.
RELEASE = -c release --static-swift-stdlib -Xswiftc -use-ld=lld

release: tools
	$(SWIFT) build $(RELEASE)
	@echo "built $$($(SWIFT) build $(RELEASE) --show-bin-path)/keepwarm"

clean:
	$(SWIFT) package clean
	rm -rf .build demo

# Every performance figure (replay, first frame, memory, key presses, live reload, append, idle CPU) on demo logs of
# 10k, 250k and 1M events; prints one table and writes Docs/benchmarks.md. Takes a few minutes.
# With PostgreSQL installed (bash scripts/install-tools test) it also starts a throwaway server on 127.0.0.1 (a port of
# 55460-55469, stopped at the end) for the PostgreSQL store's figures beside the file log's; without it, it says so.
bench: tools
	$(SWIFT) build $(RELEASE)
	$$($(SWIFT) build $(RELEASE) --show-bin-path)/keepwarm-bench --out Docs/benchmarks.md
