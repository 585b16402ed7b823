# kustos — see README.md. Two commands on a fresh machine: `make run`, `make test`.
SHELL := /bin/bash
SHARED ?= ../shared
BIN := .build/release/kustos
SWIFT_FLAGS ?=
# The release binary is a static executable (Swift runtime, Foundation, libyaml and
# libcrypto linked in) and is not position-independent: start-up dominates a
# pre-commit scan, and each run of a dynamic binary spent ~1 ms in the dynamic loader
# (5,200 symbol lookups for libstdc++ and libcrypto) and more mapping their pages;
# a PIE binary ~1 ms more applying 73,000 relocations. Cross-module optimisation lets
# the build stages inline the YAML library's node accessors (-1.3% instructions).
# Concrete generic types (a `Set<String>`, a `[GVK: [FieldSpec]]`) get their metadata
# through accessors that pass the conformances, instead of by mangled name: by name,
# the runtime looks each conformance up by scanning the binary's 5,200 conformance
# records (~50,000 instructions each); a one-resource build ran 4.5M -> 2.7M
# instructions, 2.8 -> 2.6 ms.
# Every function gets a section of its own, and the linker lays out the functions a
# typical run executes side by side (scripts/link-order.txt, from `make link-order`):
# scattered over the 24 MB of code they took ~730 pages; a one-ConfigMap build takes
# 265 -> 239 page faults (1.97 -> 1.48 ms in a fast stretch, 2.08 -> 1.98 ms in a
# slow one). A function missing from the list goes after them: a stale list
# costs speed, never correctness. (SwiftPM does not recompile when only these flags
# change: `rm -rf .build` after editing them.)
RELEASE_FLAGS ?= --static-swift-stdlib -Xswiftc -static-executable -Xlinker -no-pie \
  -Xswiftc -cross-module-optimization \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
  -Xswiftc -Xfrontend -Xswiftc -function-sections \
  -Xlinker --section-ordering-file=$(CURDIR)/scripts/link-order.txt
# The linker notes that code in Foundation and libcrypto calling dlopen, getpwnam or
# getaddrinfo needs the same glibc at run time (true: kustos is built where it runs,
# and it looks up no users or hosts and loads no OpenSSL engines). Only those notes
# are dropped from the build output.
STATIC_NOTE := in statically linked applications requires at runtime|use of `mktemp. is dangerous

.PHONY: deps build debug run test conformance bench link-order clean

deps:
	@missing=""; \
	pkg-config --exists yaml-0.1 || missing="$$missing libyaml-dev"; \
	pkg-config --exists libcrypto || missing="$$missing libssl-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	else echo "deps: libyaml-dev and libssl-dev present"; fi
	@# Optional: the seal round-trip tests run shared/sealed-secrets/unseal.py (skipped without it).
	@python3 -c 'import cryptography, yaml' 2>/dev/null || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  python3 -m pip install -q cryptography pyyaml >/dev/null 2>&1 || \
	  $$SUDO apt-get install -y -qq python3-cryptography python3-yaml >/dev/null 2>&1 || \
	  echo "deps: python3 cryptography/PyYAML missing; unseal.py round trips will be skipped"; }

build: deps
	@set -o pipefail; swift build -c release $(RELEASE_FLAGS) $(SWIFT_FLAGS) 2>&1 \
	  | { grep -Ev '$(STATIC_NOTE)' || true; }

debug:
	swift build $(SWIFT_FLAGS)

# Profiles typical runs (a generated 10-service tree's overlays, a patch fixture, a
# scan, --help) under callgrind and rewrites scripts/link-order.txt; then rebuild.
link-order: build
	@tree=$$(mktemp -d); trap 'rm -rf "$$tree"' EXIT; \
	python3 $(SHARED)/bench/gen.py --services 10 --force --quiet "$$tree" && \
	python3 scripts/gen-link-order.py $(BIN) "build $$tree/overlays/production" "build $$tree/overlays/dev" \
	  "build $$tree/overlays/staging" "build fixtures/build/patch-targeted-run" "scan fixtures/scan/repo" "--help"

run: build
	@for env in overlays/*/; do \
	  echo "# kustos build $$env"; \
	  $(BIN) build "$$env" || exit 1; \
	done

test: build
	KUSTOS_SHARED=$(SHARED) swift test $(SWIFT_FLAGS)
	@set -o pipefail; if [ -x $(SHARED)/conformance/run ]; then \
	  $(SHARED)/conformance/run --require $${CONFORMANCE_REQUIRE:-97} -- $(BIN) build | tail -n 1; \
	fi
	@if [ -f $(SHARED)/bench/gen.py ]; then scripts/limit-check.sh $(BIN) $(SHARED); fi

conformance: build
	@test -x $(SHARED)/conformance/run || { echo "no $(SHARED)/conformance"; exit 2; }
	$(SHARED)/conformance/run -- $(BIN) build

bench: build
	python3 scripts/bench.py --shared $(SHARED) --bin $(BIN)
	python3 scripts/bench-scan.py --shared $(SHARED) --bin $(BIN)

clean:
	rm -rf .build .bench
