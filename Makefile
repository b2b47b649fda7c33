# The two commands of the README. Each installs what is missing, configures and builds as needed.
#   make demo   — build (release), create ./data with the example plan, demo users and a past year of
#                 programme records (scripts/demo-records), serve on :8080 with the built-in
#                 mailbox (--mailbox: every message delivered there, none sent)
#   make test   — build (debug, warnings as errors) and run every test
#   make package — the Debian package of a release build (build/package/pactum_*.deb)
SHELL := /bin/bash
PLAN ?= examples/cooperation-plan.yaml

.PHONY: demo test build release package coverage asan format bootstrap clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@test -f build/debug/build.ninja || cmake --preset debug
	cmake --build --preset debug

release: bootstrap
	@test -f build/release/build.ninja || cmake --preset release
	cmake --build --preset release --target pactum

test: build
	ctest --preset debug

# The Debian package of a release build (docs/operations.md, "Debian package"): build/package/*.deb.
package: release
	cpack --config build/release/CPackConfig.cmake -B build/package

DATA ?= ./data
LISTEN ?= 127.0.0.1:8080

demo: release
	build/release/bin/pactum plan check $(PLAN)
	build/release/bin/pactum init --data $(DATA) --plan $(PLAN) --demo-users
	@echo "Open http://$(LISTEN) — the API is at http://$(LISTEN)/api/v1 (docs/openapi.yaml). Ctrl-C stops."
	@echo "Messages go to the built-in mailbox (serve --mailbox): each person's are on the Mailbox page."
	@scripts/demo-witnesses build/release/bin/pactum $(DATA) http://$(LISTEN) & \
	  scripts/demo-records http://$(LISTEN) $(DATA) & \
	  build/release/bin/pactum serve --data $(DATA) --listen $(LISTEN) --plan $(PLAN) --mailbox; \
	  status=$$?; pkill -f "pactum witness --server http://$(LISTEN)" || true; exit $$status

# Line coverage of src/domain (the pure core) must stay at or above 90 %.
coverage: bootstrap
	@test -f build/coverage/build.ninja || cmake --preset coverage
	cmake --build --preset coverage
	find build/coverage -name '*.gcda' -delete
	ctest --preset coverage
	mkdir -p build/coverage/report
	gcovr --root . --filter 'src/domain/' --exclude '.*_test\.cpp' \
	  --html-details build/coverage/report/index.html --print-summary --fail-under-line 90 \
	  build/coverage

asan: bootstrap
	@test -f build/asan-ubsan/build.ninja || cmake --preset asan-ubsan
	cmake --build --preset asan-ubsan
	ctest --preset asan-ubsan

# Formats every C++ file (build.format in make test fails on an unformatted one) and the web app.
format:
	git ls-files -z 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp' \
	  | xargs -0 clang-format-14 -i
	cd web && npm run --silent format

clean:
	rm -rf build
