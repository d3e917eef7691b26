# The two commands a user needs: `make run` and `make test`. Everything else is a helper.
BUILD_DIR ?= build/release
DB ?= var/linkway.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)
MAKEFLAGS += --no-print-directory

.PHONY: run test setup build configure bench bench-casework bench-directory bench-signin bench-insight format lint asan fuzz clean

setup:
	@bash scripts/setup.sh

configure: setup
	@cmake --preset release >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@mkdir -p $(dir $(DB))
	@$(BUILD_DIR)/linkway serve --demo --db $(DB) --listen $(LISTEN)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j 1

bench: build
	@$(BUILD_DIR)/bench/linkway_bench
	@$(BUILD_DIR)/bench/linkway_pg_bench

bench-casework: build
	@$(BUILD_DIR)/bench/linkway_casework_bench --dir $(BUILD_DIR)

bench-directory: build
	@$(BUILD_DIR)/bench/linkway_directory_bench --dir $(BUILD_DIR)

bench-insight: build
	@$(BUILD_DIR)/bench/linkway_insight_bench --dir $(BUILD_DIR)

bench-signin: build
	@$(BUILD_DIR)/bench/linkway_signin_attack_bench --binary $(BUILD_DIR)/linkway --dir $(BUILD_DIR)

asan: setup
	@cmake --preset asan >/dev/null && cmake --build build/asan -j $(JOBS) && cd build/asan && ctest --output-on-failure -E e2e

# libFuzzer on every parser of outside input, 60 seconds each (needs clang and libclang-rt-14-dev).
FUZZ_SECONDS ?= 60
fuzz: setup
	@cmake --preset fuzz >/dev/null && cmake --build build/fuzz -j $(JOBS) --target identifiers_fuzz referral_json_fuzz form_fuzz code_table_fuzz
	@for t in identifiers referral_json form code_table; do \
	  mkdir -p build/fuzz/corpus/$$t && build/fuzz/fuzz/$${t}_fuzz -max_total_time=$(FUZZ_SECONDS) build/fuzz/corpus/$$t fuzz/corpus/$$t || exit 1; done

format:
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp')

# clang-tidy with the committed .clang-tidy over the sources (slow: minutes).
lint: setup
	@cmake -S . -B build/lint -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON >/dev/null
	@clang-tidy -p build/lint --quiet $$(git ls-files 'src/*.cpp' | grep -v _test.cpp)

clean:
	@rm -rf build
