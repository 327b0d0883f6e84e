#!/usr/bin/env bash
# Runs the Windrow pipeline for one day's partition; meant for cron.
#   scripts/nightly.sh --date YYYY-MM-DD [--from STAGE] [--force] [--config FILE]... [--set KEY=VALUE]...
#                      [--stages a,b,c] [--base DIR] [--retries N] [--backoff SECONDS]
#                      [--on-failure CMD] [-- SPARK-SUBMIT-OPTIONS]
#
# Every stage runs with windrow.work-dir=BASE/dt=DATE, so its inputs and outputs live in that
# day's partition (raw/ there is the day's input). A stage is skipped when its output is complete:
# a successful run is recorded in BASE/dt=DATE/_nightly/STAGE.json and the recorded outputs still
# have _WINDROW_SUCCESS and a _config.conf whose hash equals that of the config that would be used now
# (io.windrow.jobs.ops.NightlyLedger). Once a stage runs, every later stage runs too. --force
# runs all stages; --from STAGE runs STAGE and the later ones (the earlier ones must be complete).
# Stages write atomically (hidden ._tmp_ folders renamed into place), so a run killed at any
# moment leaves no partial output; the next run takes over the lock and redoes the stage.
#
# Exit codes: 0 all stages complete; 2 usage; 3 another run holds this date's lock; 4 the date has
# no input; 10+i stage number i (0-based, in --stages order) failed after all retries. The stage's
# own exit code (scripts/windrow: 1 runtime, 2 config/SQL, 4 input data) is in summary.json as
# stage_exit_code; 2 and 4 are not retried, since they fail the same way every time.
# Files: STATE/dt=DATE/lock (pid), STATE/dt=DATE/run-TIMESTAMP/{STAGE.log,summary.json}, and the
# link STATE/dt=DATE/latest to the newest run. STATE defaults to BASE/_runs.
#
# Environment defaults: WINDROW_NIGHTLY_BASE (work/nightly), WINDROW_NIGHTLY_STATE,
# WINDROW_NIGHTLY_STAGES (features,preprocess,train,score), WINDROW_NIGHTLY_RETRIES (2),
# WINDROW_NIGHTLY_BACKOFF (30 s, doubled after each failed attempt), WINDROW_NIGHTLY_INPUT (raw:
# the folder under the date's partition that must exist unless generate is among the stages).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base="${WINDROW_NIGHTLY_BASE:-$root/work/nightly}"
state="${WINDROW_NIGHTLY_STATE:-}"
stages_csv="${WINDROW_NIGHTLY_STAGES:-features,preprocess,train,score}"
retries="${WINDROW_NIGHTLY_RETRIES:-2}"
backoff="${WINDROW_NIGHTLY_BACKOFF:-30}"
input_dir="${WINDROW_NIGHTLY_INPUT:-raw}"
date="" from="" force=false on_failure=""
config_args=() spark_args=()

usage() {
  sed -n '3,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
fail_usage() { echo "nightly: error: $*" >&2; exit 2; }
log() { echo "$(date -u +%H:%M:%S) nightly dt=$date: $*"; }

while (($#)); do
  case "$1" in
    --date) date="${2:-}"; shift 2 || usage ;;
    --from) from="${2:-}"; shift 2 || usage ;;
    --force) force=true; shift ;;
    --config) [[ -f "${2:-}" ]] || fail_usage "config file not found: ${2:-}"
              config_args+=(--config "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --set) [[ "${2:-}" == *=* ]] || fail_usage "--set expects KEY=VALUE"
           [[ "$2" == windrow.work-dir=* || "$2" == windrow.overwrite=* ]] \
             && fail_usage "--set $2: nightly sets windrow.work-dir and windrow.overwrite itself (use --base)"
           config_args+=(--set "$2"); shift 2 ;;
    --stages) stages_csv="${2:-}"; shift 2 || usage ;;
    --base) base="${2:-}"; shift 2 || usage ;;
    --retries) retries="${2:-}"; shift 2 || usage ;;
    --backoff) backoff="${2:-}"; shift 2 || usage ;;
    --on-failure) on_failure="${2:-}"; shift 2 || usage ;;
    --) shift; spark_args=("$@"); break ;;
    -h|--help) usage ;;
    *) fail_usage "unknown option '$1' (see --help)" ;;
  esac
done

[[ "$date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] && date -u -d "$date" +%F > /dev/null 2>&1 \
  || fail_usage "--date YYYY-MM-DD is required (got '${date}')"
[[ "$retries" =~ ^[0-9]+$ ]] || fail_usage "--retries must be a whole number (got '$retries')"
[[ "$backoff" =~ ^[0-9]+$ ]] || fail_usage "--backoff must be whole seconds (got '$backoff')"
IFS=',' read -r -a stages <<< "$stages_csv"
((${#stages[@]})) || fail_usage "--stages is empty"
start_index=0
if [[ -n "$from" ]]; then
  start_index=-1
  for i in "${!stages[@]}"; do [[ "${stages[i]}" == "$from" ]] && start_index=$i; done
  ((start_index >= 0)) || fail_usage "--from $from is not one of the stages: $stages_csv"
fi

[[ -f "$root/jobs/target/windrow-jobs.jar" && -f "$root/jobs/target/classpath.txt" ]] \
  || fail_usage "the jobs are not built; run: ./mvnw -q -o -DskipTests package"
[[ "$base" == *://* ]] || { mkdir -p "$base" && base=$(cd "$base" && pwd); }
work="$base/dt=$date"
state="${state:-$base/_runs}"
[[ "$state" == *://* ]] && fail_usage "WINDROW_NIGHTLY_STATE must be a local folder (lock and logs)"
date_state="$state/dt=$date"
mkdir -p "$date_state"
stage_args=("${config_args[@]+"${config_args[@]}"}" --set "windrow.work-dir=$work" --set windrow.overwrite=true)

# --- lock: one run per date. flock is released by the kernel when every process of the holding
# run is gone (kill -9 included); the pid file says who holds or held it.
lock="$date_state/lock"
exec 9>> "$lock"
if ! flock -n 9; then
  holder=$(cat "$lock.pid" 2>/dev/null || echo "?")
  if kill -0 "$holder" 2>/dev/null; then
    echo "nightly: error: dt=$date is already being processed by pid $holder (lock $lock)" >&2
  else
    echo "nightly: error: dt=$date is locked by leftover processes of the killed run pid $holder (lock $lock); wait for them or end them" >&2
  fi
  exit 3
fi
# A pid file left behind means its run died without cleaning up (the lock was free, so none of
# its processes is alive, even if the pid now belongs to something else).
previous=$(cat "$lock.pid" 2>/dev/null || true)
[[ -n "$previous" ]] && log "taking over the lock of an earlier run (pid $previous, no longer running)"
echo $$ > "$lock.pid"
release() { rm -f "$lock.pid"; }
trap release EXIT

run_dir="$date_state/run-$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$run_dir"
ln -sfn "$(basename "$run_dir")" "$date_state/latest"
log "run $run_dir; work folder $work; stages ${stages[*]}"

launcher_java() { # the JVM that runs NightlyLedger, on the same classpath as the launcher
  local thin_jar
  thin_jar=$(ls "$root"/jobs/target/windrow-jobs-*.jar | grep -v -e '-sources' -e '-shaded' | head -n 1)
  java -Xmx512m "-Dlog4j2.configurationFile=file:$root/conf/log4j2.properties" \
    -cp "$thin_jar:$(cat "$root/jobs/target/classpath.txt")" "$@"
}
ledger() { # ledger check|record STAGE: stdout is the answer, diagnostics go to the run's ledger.log
  launcher_java io.windrow.jobs.ops.NightlyLedger "$1" "$2" "${stage_args[@]}" 2>> "$run_dir/ledger.log"
}
ledger_error() { echo "$(tail -n 1 "$run_dir/ledger.log" 2>/dev/null) (see $run_dir/ledger.log)"; }

# Leftover staging folders of a killed run are hidden from every reader; with the lock held
# nobody else writes here, so they can go.
if [[ "$work" != *://* && -d "$work" ]]; then
  while IFS= read -r leftover; do
    log "removing staging folder left by an interrupted run: $leftover"
    rm -rf -- "$leftover"
  done < <(find "$work" -maxdepth 4 -type d -name '._tmp_*' -prune)
fi

# --- input: without generate, the day's input must be there.
needs_input=true
for s in "${stages[@]}"; do [[ "$s" == generate ]] && needs_input=false; done
if $needs_input && ((start_index == 0)); then
  if [[ "$work" == *://* ]]; then
    launcher_java org.apache.hadoop.fs.FsShell -test -d "$work/$input_dir" 2>/dev/null
  else
    [[ -d "$work/$input_dir" ]]
  fi || {
    echo "nightly: error: no input for dt=$date: $work/$input_dir does not exist (has the upstream export for this date run?)" >&2
    exit 4
  }
fi

# --- run
statuses=() durations=() rows=() attempts_used=() stage_codes=()
failed_index=-1
upstream_ran=false
summary_line() {
  local i text=""
  for i in "${!statuses[@]}"; do
    text+="${text:+ | }${stages[i]} ${statuses[i]} ${durations[i]}s rows=${rows[i]}"
  done
  echo "$text"
}
write_summary() { # write_summary EXIT_CODE
  local i json="" result
  for i in "${!statuses[@]}"; do
    json+="${json:+,}
    {\"stage\": \"${stages[i]}\", \"status\": \"${statuses[i]}\", \"duration_s\": ${durations[i]}, \"rows\": $([[ "${rows[i]}" == - ]] && echo null || echo "${rows[i]}"), \"attempts\": ${attempts_used[i]}, \"stage_exit_code\": ${stage_codes[i]}, \"log\": \"$run_dir/${stages[i]}.log\"}"
  done
  result=$([[ "$1" == 0 ]] && echo ok || echo failed)
  cat > "$run_dir/summary.json.tmp" <<EOF
{
  "date": "$date",
  "result": "$result",
  "exit_code": $1,
  "work_dir": "$work",
  "started": "$started",
  "finished": "$(date -u +%FT%TZ)",
  "stages": [$json
  ]
}
EOF
  mv "$run_dir/summary.json.tmp" "$run_dir/summary.json"
}
started=$(date -u +%FT%TZ)

for i in "${!stages[@]}"; do
  stage="${stages[i]}"
  stage_log="$run_dir/$stage.log"
  if ((i < start_index)); then
    if ! check=$(ledger check "$stage"); then
      echo "nightly: error: cannot start from $from: $stage is not complete for dt=$date (${check:-$(ledger_error)})" >&2
      exit 2
    fi
    statuses+=(SKIPPED) durations+=(0) rows+=("$(awk '{print $2}' <<< "$check")") attempts_used+=(0) stage_codes+=(0)
    log "$stage: not run (--from $from); complete"
    continue
  fi
  if ! $force && ! $upstream_ran && [[ -z "$from" ]]; then
    check=$(ledger check "$stage")
    if [[ "$check" == complete* ]]; then
      statuses+=(SKIPPED) durations+=(0) rows+=("$(awk '{print $2}' <<< "$check")") attempts_used+=(0) stage_codes+=(0)
      log "$stage: SKIPPED, output complete for this config (rows=${rows[i]})"
      continue
    fi
    [[ "$check" == incomplete:* ]] || { echo "nightly: error: cannot check $stage: $(ledger_error)" >&2; exit 2; }
    log "$stage: will run (${check#incomplete: })"
  fi
  upstream_ran=true
  attempt=0 wait_s=$backoff code=1 stage_start=$SECONDS
  while :; do
    attempt=$((attempt + 1))
    log "$stage: attempt $attempt of $((retries + 1)) (log $stage_log)"
    echo "=== $(date -u +%FT%TZ) $stage attempt $attempt: scripts/windrow $stage ${stage_args[*]} -- ${spark_args[*]+${spark_args[*]}}" >> "$stage_log"
    "$root/scripts/windrow" "$stage" "${stage_args[@]}" -- "${spark_args[@]+"${spark_args[@]}"}" >> "$stage_log" 2>&1
    code=$?
    ((code == 0)) && break
    log "$stage: attempt $attempt failed (exit $code): $(grep -E "^windrow $stage: error" "$stage_log" | tail -n 1 || true)"
    # 2 (usage/config/SQL) and 4 (input data) fail the same way every time: no retry.
    if ((code == 2 || code == 4)); then
      log "$stage: not retried: exit $code is a $( ((code == 2)) && echo config/SQL || echo input-data ) error"
      break
    fi
    ((attempt > retries)) && break
    log "$stage: retrying in ${wait_s}s"
    sleep "$wait_s"
    wait_s=$((wait_s * 2))
  done
  duration=$((SECONDS - stage_start))
  attempts_used+=("$attempt") durations+=("$duration") stage_codes+=("$code")
  if ((code != 0)); then
    statuses+=(FAILED) rows+=(-)
    failed_index=$i
    break
  fi
  if ! recorded=$(ledger record "$stage"); then
    statuses+=(FAILED) rows+=(-)
    log "$stage: cannot record the completed output: $(ledger_error)"
    failed_index=$i
    break
  fi
  statuses+=(OK) rows+=("${recorded%% *}")
  log "$stage: OK in ${duration}s (attempt $attempt), rows=${rows[i]}: $(grep -E "^windrow $stage: OK" "$stage_log" | tail -n 1 | sed -E "s/^windrow $stage: OK in [0-9.]+s: //" || true)"
done

exit_code=0
((failed_index >= 0)) && exit_code=$((10 + failed_index))
write_summary "$exit_code"
log "summary: $(summary_line)"
if ((failed_index >= 0)); then
  log "FAILED at ${stages[failed_index]} (exit $exit_code); log: $run_dir/${stages[failed_index]}.log"
  if [[ -n "$on_failure" ]]; then
    NIGHTLY_DATE="$date" NIGHTLY_STAGE="${stages[failed_index]}" NIGHTLY_EXIT="$exit_code" \
      NIGHTLY_SUMMARY="$run_dir/summary.json" NIGHTLY_LOG="$run_dir/${stages[failed_index]}.log" \
      bash -c "$on_failure" 9>&- || log "the --on-failure command failed (exit $?)"
  fi
else
  log "OK: all ${#stages[@]} stages complete"
fi
exit "$exit_code"
