#!/usr/bin/env bash
# AddressSanitizer/UBSan run of the unit tests, then every libFuzzer target for a bounded time.
#
# Builds a separate clang tree (CONCIERGE_SANITIZE + CONCIERGE_FUZZ, see the top-level
# CMakeLists.txt) with only the targets it needs, runs the unit tests tst_identifiers,
# tst_matrixerror, tst_apiclient, tst_roomstore, tst_syncengine and tst_tls under ASan/LSan/UBSan, then each fuzz target of
# tests/fuzz on a copy of its committed seed corpus. Any failed test, crash, leak, timeout or
# sanitizer report fails the run. Ends with "sanitizers: N passed, M failed"; exit status 0 only
# when nothing failed.
#
# Environment:
#   CONCIERGE_SANITIZER_BUILD_DIR  build tree (default: build-sanitize in the source tree)
#   CONCIERGE_FUZZ_SECONDS         time per fuzz target (default 30)
#   CONCIERGE_FUZZ_TARGETS         fuzz targets to run (default: all four)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${CONCIERGE_SANITIZER_BUILD_DIR:-build-sanitize}
case $build in /*) ;; *) build=$root/$build ;; esac
seconds=${CONCIERGE_FUZZ_SECONDS:-30}
unit_tests=(tst_identifiers tst_matrixerror tst_apiclient tst_endpoints tst_thumbnailloader tst_session
            tst_membershipservice tst_safetext tst_roomstore tst_roomlistmodel tst_accountstore
            tst_membershiphistory tst_launchfromstore tst_syncengine tst_tls tst_roomhistorymodel tst_slidingsync
            tst_jobjournal tst_jobqueue tst_roomselection tst_invitelist tst_directorymodel tst_powerlevels
            tst_roommembersmodel tst_userblocking tst_invitegroupsmodel tst_roompowerprobe tst_leavecheck tst_baneverywhere
            tst_hierarchymodel tst_spacesmodel tst_syncresponse)
read -r -a fuzzers <<<"${CONCIERGE_FUZZ_TARGETS:-fuzz_sync fuzz_matrixerror fuzz_identifiers fuzz_links}"
started=$SECONDS
passed=0
failed=0
failures=()

summary() {
  echo "sanitizers: took $((SECONDS - started)) s"
  [ ${#failures[@]} -eq 0 ] || echo "sanitizers: failed: ${failures[*]}"
  echo "sanitizers: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

# A sanitizer report that did not change the exit status (e.g. from a thread) still fails.
has_report() {
  grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer' "$1"
}

mkdir -p "$build"
log=$build/sanitizers-build.log
echo "sanitizers: configuring and building $build (clang, ASan+UBSan, libFuzzer)"
if ! { cmake -S "$root" -B "$build" -G Ninja \
         -DCMAKE_CXX_COMPILER=clang++ \
         -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
         -DCONCIERGE_SANITIZE=ON -DCONCIERGE_FUZZ=ON -DBUILD_TESTING=ON &&
       cmake --build "$build" -j"$(nproc)" --target "${unit_tests[@]}" "${fuzzers[@]}"; } >"$log" 2>&1; then
  grep -E -B2 -A12 'error|FAILED' "$log" | head -80
  echo "sanitizers: build failed (full log: $log)"
  failed=$((${#unit_tests[@]} + ${#fuzzers[@]}))
  failures=(build)
  summary
fi
echo "sanitizers: built in $((SECONDS - started)) s"

# Leaks inside Qt's own (uninstrumented) libraries that we cannot fix are listed, one reason
# each, in this file; our code is never suppressed there.
export LSAN_OPTIONS="suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen QT_FORCE_STDERR_LOGGING=1

for t in "${unit_tests[@]}"; do
  out=$build/sanitizers-$t.log
  t0=$SECONDS
  (cd "$build/tests" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 timeout 600 "./$t") >"$out" 2>&1
  rc=$?
  if [ $rc -eq 0 ] && ! has_report "$out"; then
    passed=$((passed + 1))
    echo "sanitizers: PASS $t ($(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$out" | tail -1), $((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    failures+=("$t")
    tail -60 "$out"
    echo "sanitizers: FAIL $t (exit $rc; log: $out)"
  fi
done

run_dir=$build/fuzz-run
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
for t in "${fuzzers[@]}"; do
  corpus=$run_dir/$t
  rm -rf "$corpus"
  mkdir -p "$corpus"
  # A copy: libFuzzer adds what it finds to the corpus directory, and the repo stays as it is.
  cp -r "$root/tests/fuzz/corpus/$t/." "$corpus/"
  dict=()
  [ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
  out=$build/sanitizers-$t.log
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "${dict[@]}" "$corpus" >"$out" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -1)
  if [ $rc -eq 0 ] && ! has_report "$out"; then
    passed=$((passed + 1))
    echo "sanitizers: PASS $t: ${execs:-?} executions in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs"
  else
    failed=$((failed + 1))
    failures+=("$t")
    grep -m1 -E -A24 'invariant violated|ERROR: |runtime error:' "$out"
    input=$(grep -m1 -o "Test unit written to .*" "$out" | sed 's/^Test unit written to //')
    echo "sanitizers: FAIL $t (exit $rc after ${execs:-?} executions; log: $out)"
    [ -z "$input" ] || echo "sanitizers:   input: $input (reproduce: $build/tests/fuzz/$t $input)"
  fi
done

summary
