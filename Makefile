# kring — the two commands a newcomer needs are `make run` and `make check`.
# Everything else here is a step those two take.

PORT    ?= 8080
PREFIX  ?= /usr/local
DESTDIR ?=
DB      ?= var/kring.db
FUZZ_SECONDS ?= 60
FUZZ_SECONDS_CHECK ?= 10
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run check deps build build-asan unit http browser fuzz format lint tidy clean install

run: deps build
	@mkdir -p var
	@[ -f $(DB) ] || { ./build/kring init --db $(DB) && ./build/kring demo --db $(DB) --youths 500 --seed 1; }
	@[ -f var/research.key ] || { umask 077; head -c 32 /dev/urandom > var/research.key; }
	@[ -f var/totp.key ] || { umask 077; head -c 32 /dev/urandom > var/totp.key; }
	./build/kring serve --db $(DB) --listen 127.0.0.1:$(PORT) --demo --research-key var/research.key \
		--totp-key var/totp.key

check: deps build build-asan
	meson test -C build-asan --print-errorlogs --suite unit
	node --test tests/http/
	sh scripts/pg-test.sh node --test tests/http/ tests/pg/
	node --test tests/browser/
	sh scripts/fuzz.sh $(FUZZ_SECONDS_CHECK)
	sh scripts/check-deploy.sh
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

# Installs the binary, the web app, the man page and the systemd units under
# $(DESTDIR)$(PREFIX); the units name $(PREFIX)/bin/kring. See docs/deploy.md.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kring \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/lib/systemd/system \
		$(DESTDIR)$(PREFIX)/share/doc/kring
	install -m 0755 build/kring $(DESTDIR)$(PREFIX)/bin/kring
	rm -rf $(DESTDIR)$(PREFIX)/share/kring/web
	cp -R web $(DESTDIR)$(PREFIX)/share/kring/web
	install -m 0644 docs/kring.1 $(DESTDIR)$(PREFIX)/share/man/man1/kring.1
	for unit in kring.service kring-backup.service kring-retention.service; do \
		sed -e 's|@BINDIR@|$(PREFIX)/bin|g' -e 's|@WEBDIR@|$(PREFIX)/share/kring/web|g' \
			deploy/$$unit.in > $(DESTDIR)$(PREFIX)/lib/systemd/system/$$unit; \
	done
	install -m 0644 deploy/kring-backup.timer deploy/kring-retention.timer \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/
	install -m 0644 deploy/nginx-kring.conf deploy/kring.ini docs/deploy.md \
		docs/configuration.md $(DESTDIR)$(PREFIX)/share/doc/kring/
