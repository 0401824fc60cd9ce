# kring — the two commands a newcomer needs are `make run` and `make check`.
# Everything else here is a step those two take.

PORT    ?= 8080
DB      ?= var/kring.db
FUZZ_SECONDS ?= 60
FUZZ_SECONDS_CHECK ?= 10
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run check deps build build-asan unit http browser fuzz format lint tidy clean

run: deps build
	@mkdir -p var
	@[ -f $(DB) ] || { ./build/kring init --db $(DB) && ./build/kring demo --db $(DB) --youths 500 --seed 1; }
	@[ -f var/research.key ] || { umask 077; head -c 32 /dev/urandom > var/research.key; }
	./build/kring serve --db $(DB) --listen 127.0.0.1:$(PORT) --demo --research-key var/research.key

check: deps build build-asan
	meson test -C build-asan --print-errorlogs --suite unit
	node --test tests/http/
	sh scripts/pg-test.sh node --test tests/http/ tests/pg/
	node --test tests/browser/
	sh scripts/fuzz.sh $(FUZZ_SECONDS_CHECK)
	@echo "make check: all suites passed"

deps:
	@$(SUDO) sh scripts/deps.sh
	@sh scripts/npm-deps.sh

build/build.ninja:
	meson setup build --buildtype=debugoptimized

build-asan/build.ninja:
	meson setup build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

build: build/build.ninja
	ninja -C build

build-asan: build-asan/build.ninja
	ninja -C build-asan

fuzz: deps
	sh scripts/fuzz.sh $(FUZZ_SECONDS)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

lint:
	cppcheck --enable=warning,performance,portability --error-exitcode=1 --inline-suppr -q -I src --include=/usr/include/jansson.h --suppress=missingIncludeSystem src

tidy: build
	clang-tidy -p build --quiet $$(git ls-files 'src/*.c')

clean:
	rm -rf build build-asan build-fuzz
