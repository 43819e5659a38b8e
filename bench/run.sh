#!/usr/bin/env bash
# crossdeploy against the AWS CLI v2 on a local cloud of its own, side by side, and the table
# written into BENCHMARKS.md between the "bench:begin" and "bench:end" markers. Not part of any
# test command.
#
#   bench/run.sh [--quick] [--no-write] [rounds]
#   BEFORE=<commit> bench/run.sh ...   # rows 1 and 5 also run that commit's plugin, interleaved
#   NO_BUILD=1 bench/run.sh ...         # reuse the plugin built into target/bench by the last run
#   ONLY="5 6" bench/run.sh ...         # only those rows, nothing written (1 runs rows 1-4 and 7)
#
# Rows: (1) no-change redeploy, (2) code-change deploy, (3) first deploy, (4) 10-account fan-out
# against a loop of the CLI, (5) 256 MiB upload at -Xmx128m against `aws s3 cp`, (6) waiting on a
# slow stack, (7) 30 deploys in parallel with throttling on a fraction of polls, (8) the zip of
# two fresh clones. Comparisons run in interleaved pairs (crossdeploy, then the CLI, each round)
# and report medians, so load from other work on the machine hits both tools alike; the load
# average is printed with the figures. API calls are counted at the cloud (GET /_localcloud/calls).
#
# crossdeploy runs as a pipeline's deploy action does: whole `mvn` processes with the recommended
# .mvn/jvm.config (JVM_CONFIG overrides it, e.g. to try other flags). The CLI does the same work:
# sts assume-role, s3api head-object [put-object], cloudformation deploy.
#
# Builds the plugin and the local cloud into a repository of its own under target/bench
# (dependencies are copied from ~/.m2, which it never writes), starts its clouds on free ports,
# and leaves nothing running. Needs Java 17, Maven, git, python3 (with yaml), GNU time, curl and
# Debian's awscli. --quick: fewer rounds and shorter waits (about 10 minutes on a loaded 2-core
# machine: the CLI's own waiter sleeps 30 s in rows 2 and 3); the full run about 30.
set -euo pipefail
quick=false write=true rounds=""
for arg in "$@"; do
    case $arg in
        --quick) quick=true ;;
        --no-write) write=false ;;
        *) rounds=$arg ;;
    esac
done
# ONLY="5 6" runs only those rows (1 stands for 1, 2, 3, 4 and 7) and writes nothing into BENCHMARKS.md.
want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }
[ -n "${ONLY:-}" ] && write=false
if $quick; then rounds=${rounds:-2} change_rounds=1 upload_mib=${UPLOAD_MIB:-256} wait_ms=1000 first_rounds=1 fan_rounds=1 upload_rounds=1
else rounds=${rounds:-5} change_rounds=$rounds upload_mib=${UPLOAD_MIB:-256} wait_ms=3000 first_rounds=3 fan_rounds=3 upload_rounds=3; fi
jvm_config=${JVM_CONFIG:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/target/bench
repo=$work/repo
aws_cli=/usr/bin/aws
mkdir -p "$work"
log() { echo "== $*" >&2; }
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f"{a/b:.2f}×" if b else "—")' "$1" "$2"; }

cat > "$work/settings.xml" <<EOF
<settings>
  <localRepository>$repo</localRepository>
  <mirrors><mirror><id>user-repository</id><mirrorOf>*</mirrorOf><url>file://$HOME/.m2/repository</url></mirror></mirrors>
</settings>
EOF
mvnq() { mvn -B -ntp -q -s "$work/settings.xml" "$@"; }

if [ -n "${NO_BUILD:-}" ] && [ -d "$repo" ]; then
    log "NO_BUILD: using the plugin and local cloud already in $repo"
else
    log "building the plugin and the local cloud into $repo"
    (cd "$root" && mvnq -pl src-it/local-cloud,plugin -am install -DskipTests -Dinvoker.skip=true)
fi
before=${BEFORE:-}
if [ -n "$before" ] && ! { [ -d "$work/repo-before" ] && [ "$(git -C "$work/before-src" rev-parse HEAD 2>/dev/null)" = "$(git -C "$root" rev-parse "$before")" ]; }; then
    log "building the plugin of $before into $work/repo-before, for the before column of rows 1 and 5"
    sed "s|<localRepository>$repo</localRepository>|<localRepository>$work/repo-before</localRepository>|" "$work/settings.xml" > "$work/settings-before.xml"
    rm -rf "$work/before-src" && git clone -q "$root" "$work/before-src" && git -C "$work/before-src" checkout -q "$before"
    (cd "$work/before-src" && mvn -B -ntp -q -s "$work/settings-before.xml" -pl src-it/local-cloud,plugin -am install -DskipTests -Dinvoker.skip=true)
fi
(cd "$root/src-it/local-cloud" && mvnq dependency:build-classpath -Dmdep.outputFile="$work/cloud-cp.txt" -Dmdep.includeScope=runtime)
version=$(python3 -c 'import sys, xml.etree.ElementTree as E
n = {"m": "http://maven.apache.org/POM/4.0.0"}; p = E.parse(sys.argv[1]).getroot()
print((p.find("m:version", n) if p.find("m:version", n) is not None else p.find("m:parent/m:version", n)).text)' "$root/plugin/pom.xml")

# The end-to-end world plus 30 accounts a..ad, each prepared as qa is (deploy role, execution
# role, artifact bucket), for the first deploys, the fan-out and the parallel deploys.
stages=(a b c d e f g h i j k l m n o p q r s t u v w x y z aa ab ac ad)
python3 - "$root/src-it/plugin-it/src/it/cloud.yaml" "$work" "$wait_ms" "${stages[@]}" <<'EOF'
import json, sys, yaml
base, work, wait_ms, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
world = yaml.safe_load(open(base))
qa_roles = [r for r in world["roles"] if r["account"] == "qa"]
stages = []
for i, name in enumerate(names, 1):
    account = f"6000000000{i:02d}"
    world["accounts"].append({"name": f"bench-{name}", "id": account,
        "accessKeyId": f"AKIABENCH{i:011d}", "secretAccessKey": f"bench/secret/key/for/the/local/cloud{i:05d}"})
    for role in qa_roles:
        copy = json.loads(json.dumps(role).replace("333333333333", account))
        copy["account"] = f"bench-{name}"
        world["roles"].append(copy)
    world["buckets"].append({"account": f"bench-{name}", "name": f"crossdeploy-artifacts-{account}-us-east-1"})
    stages.append({"name": name, "accountId": account, "region": "us-east-1"})
yaml.safe_dump(world, open(f"{work}/cloud.yaml", "w"), sort_keys=False)
world["resourceDelayMillis"] = int(wait_ms)
yaml.safe_dump(world, open(f"{work}/cloud-slow.yaml", "w"), sort_keys=False)
yaml.safe_dump({"stages": stages}, open(f"{work}/stages.yaml", "w"), sort_keys=False)
EOF
account_of() { local i; for i in "${!stages[@]}"; do [ "${stages[$i]}" = "$1" ] && printf '6000000000%02d' $((i + 1)) && return; done; [ "$1" = qa ] && echo 333333333333; }

cloud_pids=()
started=""
start_cloud() { # config -> its endpoint in $started (no subshell, so the trap knows its process)
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    java -Xmx1g -cp "$root/src-it/local-cloud/target/classes:$(cat "$work/cloud-cp.txt")" dev.crossdeploy.localcloud.LocalCloudMain \
        --port "$port" --config "$1" > "$work/$(basename "$1" .yaml).log" 2>&1 &
    cloud_pids+=($!)
    started=http://localhost:$port
    for _ in $(seq 300); do curl -sf "$started/_localcloud/health" >/dev/null && return; sleep 0.1; done
    log "the local cloud did not start: $(tail -5 "$work/$(basename "$1" .yaml).log")"; exit 1
}
trap 'for p in "${cloud_pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
start_cloud "$work/cloud.yaml"; endpoint=$started
log "local cloud at $endpoint"

export AWS_ENDPOINT_URL=$endpoint AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_ACCESS_KEY_ID=AKIAPIPELINE11111111 AWS_SECRET_ACCESS_KEY=pipeline/secret/key/for/the/local/cloud1
printf '[default]\ns3 =\n    addressing_style = path\ncli_pager =\n' > "$work/aws-config"
# CLI v2.9 does not read AWS_ENDPOINT_URL: every call names the endpoint (an exec of sh, ~1 ms).
printf '#!/bin/sh\nexec /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"\n' > "$work/aws" && chmod +x "$work/aws"
aws_cli=$work/aws
export AWS_CONFIG_FILE=$work/aws-config AWS_PAGER=""

# The counter: reset before a run, read after it.
calls_reset() { curl -sf -X DELETE "${1:-$endpoint}/_localcloud/calls" > /dev/null; }
calls_read() { # endpoint -> "total|service Action n, ..."
    curl -sf "${1:-$endpoint}/_localcloud/calls" | python3 -c 'import json, sys
d = json.load(sys.stdin)
print(sum(n for a in d.values() for n in a.values()), "|", ", ".join(f"{a} {n}" for s in d.values() for a, n in s.items()), sep="")'
}

log "two builds of example-api that differ in one resource file, packaged once each"
for v in a b; do
    rm -rf "$work/api-$v" && mkdir -p "$work/api-$v"
    (cd "$root/example-api" && tar cf - --exclude=./target --exclude=./node_modules --exclude=./.mvn .) | (cd "$work/api-$v" && tar xf -)
    mkdir -p "$work/api-$v/src/main/resources" "$work/api-$v/.mvn"
    echo "build $v" > "$work/api-$v/src/main/resources/bench-build.txt"
    echo "$jvm_config" > "$work/api-$v/.mvn/jvm.config"
    (cd "$work/api-$v" && mvnq -DskipTests package crossdeploy:package)
done
zip_of() { ls "$work/api-$1"/target/*-lambda.zip; }
sha_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$work/api-$1/target/crossdeploy/artifact.json"; }
# A project with the plugin and nothing else, for the upload and the waiting rows.
bare() {
    rm -rf "$work/$1" && mkdir -p "$work/$1/.mvn" && echo "$jvm_config" > "$work/$1/.mvn/jvm.config"
    cat > "$work/$1/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>$1</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>dev.crossdeploy</groupId><artifactId>crossdeploy-maven-plugin</artifactId><version>$version</version>
    <configuration><stages><stage><name>qa</name><accountId>333333333333</accountId><region>us-east-1</region></stage></stages></configuration>
  </plugin></plugins></build>
</project>
EOF
}

cross() { # build stage-list [extra args] : upload-to-account + deploy-stack, the pipeline's deploy action
    local v=$1 s=$2; shift 2
    (cd "$work/api-$v" && mvn -B -ntp -s "${SETTINGS:-$work/settings.xml}" crossdeploy:upload-to-account crossdeploy:deploy-stack \
        -Dstage="$s" -Dcrossdeploy.pathStyleAccess=true -Dcrossdeploy.stagesFile="$work/stages.yaml" "$@")
}
floor() { (cd "$work/api-a" && mvn -B -ntp -s "$work/settings.xml" crossdeploy:help); }
assume() { # account -> "key secret token"
    $aws_cli sts assume-role --role-arn "arn:aws:iam::$1:role/crossdeploy-deploy" --role-session-name crossdeploy-cli-bench \
        --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text
}
cli() { # build stage [stack] : the same deploy with the CLI
    local v=$1 s=$2 account key zip sha creds ak sk st
    account=$(account_of "$s"); sha=$(sha_of "$v"); zip=$(zip_of "$v"); key=example-api/$sha.zip
    local stack=${3:-example-api-$s} bucket=crossdeploy-artifacts-$account-us-east-1
    read -r ak sk st <<< "$(assume "$account")"
    AWS_ACCESS_KEY_ID=$ak AWS_SECRET_ACCESS_KEY=$sk AWS_SESSION_TOKEN=$st bash -c '
        "$0" s3api head-object --bucket "$1" --key "$2" --expected-bucket-owner "$5" >/dev/null 2>&1 \
          || "$0" s3api put-object --bucket "$1" --key "$2" --body "$3" --server-side-encryption AES256 >/dev/null
        "$0" cloudformation deploy --stack-name "$8" --template-file "$4" \
            --parameter-overrides ArtifactBucket="$1" ArtifactKey="$2" Stage="$7" \
            --role-arn "arn:aws:iam::$5:role/crossdeploy-cfn-exec" --capabilities CAPABILITY_IAM \
            --tags crossdeploy:stage="$7" --no-fail-on-empty-changeset' \
        "$aws_cli" "$bucket" "$key" "$zip" "$work/api-$v/src/main/cloudformation/template.yaml" "$account" "$sha" "$s" "$stack"
}
cross_before() { SETTINGS=$work/settings-before.xml cross "$@"; }
cross_upload_before() { SETTINGS=$work/settings-before.xml cross_upload "$@"; }
cli_loop() { local v=$1 s; shift; for s in "$@"; do cli "$v" "$s"; done; }

# One measured run: "seconds calls" on stdout, its log in last-run.log, its calls in last-calls.txt.
measure() {
    local t0 t1
    calls_reset
    t0=$(now)
    "$@" > "$work/last-run.log" 2>&1 || { cat "$work/last-run.log" >&2; log "failed: $*"; exit 1; }
    t1=$(now)
    calls_read > "$work/last-calls.txt"
    echo "$(echo "$t1 - $t0" | bc) $(cut -d'|' -f1 "$work/last-calls.txt")"
}
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); echo "ROW: $1 | $2 | $3 | $4 | $5 | $6" >&2; }
col() { cut -d' ' -f"$2" "$work/$1.txt" | median; }
calls_of() { cut -d' ' -f"$2" "$work/$1.txt" | median | sed -E 's/\.00$//; s/(\.[0-9])0$/\1/'; }
load_start=$(load)

log "warm-up: a first deploy of build a into qa by each tool (not counted)"
cross a qa > "$work/warm.log" 2>&1 || { cat "$work/warm.log"; exit 1; }
cli a qa > "$work/warm.log" 2>&1 || { cat "$work/warm.log"; exit 1; }
floor > /dev/null
# AppCDS (JDK 17: a dynamic archive written at the exit of one training run, then mapped at start):
# the archive of a no-change redeploy, used by a third crossdeploy column in row 1.
jsa=$work/crossdeploy.jsa; rm -f "$jsa"
(cd "$work/api-a" && MAVEN_OPTS="-XX:ArchiveClassesAtExit=$jsa" mvn -B -ntp -s "$work/settings.xml" crossdeploy:help \
    crossdeploy:upload-to-account crossdeploy:deploy-stack -Dstage=qa -Dcrossdeploy.pathStyleAccess=true \
    -Dcrossdeploy.stagesFile="$work/stages.yaml") > "$work/cds-training.log" 2>&1
cross_cds() { MAVEN_OPTS="-XX:SharedArchiveFile=$jsa" cross "$@"; }
floor_cds() { MAVEN_OPTS="-XX:SharedArchiveFile=$jsa" floor; }

if want 1; then   # rows 1, 2, 3, 7 and 4 build on each other: they run together
# (1) no-change redeploy
log "(1) $rounds rounds: no-change redeploy of build a to qa (crossdeploy, Maven's floor, CLI)"
: > "$work/no-change.txt"
for i in $(seq "$rounds"); do
    c=$(measure cross a qa); grep -q "No changes" "$work/last-run.log" || { log "crossdeploy: not a no-change deploy"; exit 1; }
    cp "$work/last-calls.txt" "$work/no-change-cross-calls.txt"
    f=$(measure floor); a=$(measure cli a qa); cp "$work/last-calls.txt" "$work/no-change-cli-calls.txt"
    k=$(measure cross_cds a qa); g=$(measure floor_cds)
    b=""; [ -n "$before" ] && b=$(measure cross_before a qa)
    echo "$c $f $a $k $g $b" | tee -a "$work/no-change.txt" >&2
done
c=$(col no-change 1) f=$(col no-change 3) a=$(col no-change 5)
k=$(col no-change 7) g=$(col no-change 9)
row "1 no-change redeploy, whole process (Maven's floor \`crossdeploy:help\` $f s)" "$c s" "$a s" "$(ratio "$c" "$a"); floor + $(printf %.2f "$(echo "$c - $f" | bc)") s" \
    "≤ 1.0×; ≤ floor + 0.5 s" "$(calls_of no-change 2) / $(calls_of no-change 6)"
row "1a the same with an AppCDS archive of one training run (floor with it $g s)" "$k s" "$a s" "$(ratio "$k" "$a"); its floor + $(printf %.2f "$(echo "$k - $g" | bc)") s" "" "$(calls_of no-change 8) / $(calls_of no-change 6)"
[ -n "$before" ] && row "1b the same as 1, plugin of $before (before)" "$(col no-change 11) s" "$a s" "$(ratio "$(col no-change 11)" "$a"); floor + $(printf %.2f "$(echo "$(col no-change 11) - $f" | bc)") s" "" "$(calls_of no-change 12) / $(calls_of no-change 6)"

# (2) code-change deploy: each run deploys the build the stack does not have
log "(2) $change_rounds rounds: code-change deploys to qa"
: > "$work/code-change.txt"; has=a
for i in $(seq "$change_rounds"); do
    next=$([ "$has" = a ] && echo b || echo a); c=$(measure cross "$next" qa); has=$next
    next=$([ "$has" = a ] && echo b || echo a); a=$(measure cli "$next" qa); has=$next
    echo "$c $a" | tee -a "$work/code-change.txt" >&2
done
c=$(col code-change 1) a=$(col code-change 3)
row "2 code-change deploy, whole process" "$c s" "$a s" "$(ratio "$c" "$a")" "≤ 0.3×" "$(calls_of code-change 2) / $(calls_of code-change 4)"

# (3) first deploy: each tool into an account that has never seen the stack (stages k, l, m, ...)
log "(3) $first_rounds rounds: first deploys into fresh accounts"
: > "$work/first.txt"
for i in $(seq "$first_rounds"); do
    c=$(measure cross a "${stages[$((8 + 2 * i))]}"); a=$(measure cli a "${stages[$((9 + 2 * i))]}")
    echo "$c $a" | tee -a "$work/first.txt" >&2
done
c=$(col first 1) a=$(col first 3)
row "3 first deploy (14 resources), whole process" "$c s" "$a s" "$(ratio "$c" "$a")" "—" "$(calls_of first 2) / $(calls_of first 4)"

# (7) 30 deploys in one run, all at once, with a fraction of the stack-event polls throttled
all=$(IFS=,; echo "${stages[*]}")
log "first deploy of build a into all 30 accounts (not counted), then (7) build b to all 30 with 30 % of polls throttled"
cross a "$all" -Dcrossdeploy.parallel=30 > "$work/all-first.log" 2>&1 || { cat "$work/all-first.log"; exit 1; }
curl -sf -X DELETE "$endpoint/_localcloud/faults" > /dev/null
curl -sf -X POST "$endpoint/_localcloud/faults" -d '{"service":"cloudformation","action":"DescribeStackEvents","kind":"THROTTLE","count":0,"probability":0.3}' > /dev/null
p=$(measure cross b "$all" -Dcrossdeploy.parallel=30)
cp "$work/last-run.log" "$work/row7.log"   # its summary table gives each stage's duration
fired=$(curl -sf "$endpoint/_localcloud/faults" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fired"])')
curl -sf -X DELETE "$endpoint/_localcloud/faults" > /dev/null
grep -q "BUILD SUCCESS" "$work/last-run.log" || { log "30 parallel deploys: the build failed"; exit 1; }
row "7 30 code-change deploys in one run (\`crossdeploy.parallel=30\`), 30 % of DescribeStackEvents throttled ($fired throttled)" \
    "$(printf %.2f "$(echo "$p" | cut -d' ' -f1)") s, all 30 succeeded" "—" "—" "all succeed" "$(echo "$p" | cut -d' ' -f2) / —"
cp "$work/last-run.log" "$work/parallel-30.log"

# (4) fan-out: 1 stage and 10 stages in one process, against the CLI for 1 and a loop over 10
ten=(a b c d e f g h i j)
log "(4) $fan_rounds rounds: no-change redeploys of build b, 1 and 10 accounts (crossdeploy -Dstage=a,...,j; CLI loop)"
: > "$work/fan.txt"
for i in $(seq "$fan_rounds"); do
    c1=$(measure cross b a); c10=$(measure cross b "$(IFS=,; echo "${ten[*]}")")
    a1=$(measure cli b a); a10=$(measure cli_loop b "${ten[@]}")
    echo "$c1 $c10 $a1 $a10" | tee -a "$work/fan.txt" >&2
done
c1=$(col fan 1) c10=$(col fan 3) a1=$(col fan 5) a10=$(col fan 7)
row "4 10-account fan-out, no-change, whole process: T(10) (T(1))" "$c10 s ($c1 s), T(10)/T(1) $(ratio "$c10" "$c1")" \
    "$a10 s ($a1 s), T(10)/T(1) $(ratio "$a10" "$a1")" "$(ratio "$c10" "$a10")" "T(10)/T(1) ≤ 1.5" "$(calls_of fan 4) / $(calls_of fan 8)"

fi
if want 5; then
# (5) upload: a fresh artifact of random bytes each run (an object already under its key is not put
# again), made by the package goal so its manifest is what package writes (SHA-256 and CRC32C).
# crossdeploy runs with the recommended jvm.config, through the native S3 client (its default) and
# through the Java client (-Dcrossdeploy.nativeUpload=false). Its upload phase is what its own
# "Uploaded artifact" line says (first request for the bytes to the completed object); the CLI's is
# its whole `aws s3 cp` minus the same command for a 1-byte file (its start, credentials, one
# request). The JVM's idle RSS is `crossdeploy:help`'s peak under the same flags.
log "(5) $upload_rounds rounds: ${upload_mib} MiB upload, crossdeploy at -Xmx128m against aws s3 cp"
bare upload
sed -i 's|<packaging>pom</packaging>||' "$work/upload/pom.xml"
read -r uak usk ust <<< "$(assume 333333333333)"
upload_zip=$work/upload/target/upload-1-lambda.zip
upload_file() {
    rm -rf "$work/upload/target" && mkdir -p "$work/upload/target/classes"
    head -c $((upload_mib << 20)) /dev/urandom > "$work/upload/target/classes/payload.bin"
    (cd "$work/upload" && MAVEN_OPTS="-XX:TieredStopAtLevel=4" mvnq crossdeploy:package)
}
cross_upload() { (cd "$work/upload" && MAVEN_OPTS="-Xmx128m" /usr/bin/time -f 'peak RSS %M KiB' -o "$work/rss.txt" \
    mvn -B -ntp -s "${SETTINGS:-$work/settings.xml}" crossdeploy:upload-to-account -Dstage=qa -Dcrossdeploy.pathStyleAccess=true "$@"); }
cross_upload_java() { cross_upload -Dcrossdeploy.nativeUpload=false; }
cross_idle() { (cd "$work/upload" && MAVEN_OPTS="-Xmx128m" /usr/bin/time -f 'peak RSS %M KiB' -o "$work/rss.txt" \
    mvn -B -ntp -s "$work/settings.xml" crossdeploy:help); }
cli_upload() { AWS_ACCESS_KEY_ID=$uak AWS_SECRET_ACCESS_KEY=$usk AWS_SESSION_TOKEN=$ust /usr/bin/time -f 'peak RSS %M KiB' -o "$work/rss.txt" \
    $aws_cli s3 cp "${2:-$upload_zip}" "s3://crossdeploy-artifacts-333333333333-us-east-1/cli-bench/$1.zip" --only-show-errors; }
echo x > "$work/one-byte.bin"
rss() { grep -o '[0-9]*' "$work/rss.txt" | tail -1 | awk '{printf "%d", $1 / 1024}'; }
phase() { grep -o 'Uploaded artifact to .* in [0-9.]* s' "$work/last-run.log" | grep -o '[0-9.]* s$' | cut -d' ' -f1; }
: > "$work/upload.txt"
for i in $(seq "$upload_rounds"); do
    upload_file; c="$(measure cross_upload) $(rss) $(phase)"
    a="$(measure cli_upload "$i") $(rss)"; a1=$(measure cli_upload "$i-one-byte" "$work/one-byte.bin" | cut -d' ' -f1)
    upload_file; j="$(measure cross_upload_java) $(rss) $(phase)"
    measure cross_idle > /dev/null; idle=$(rss)
    measure cross_upload > /dev/null; there=$(rss)   # the same goal again: the artifact is there, nothing sent
    b=""; [ -n "$before" ] && { upload_file; b="$(measure cross_upload_before) $(rss)"; }
    echo "$c $a $a1 $j $idle $there $b" | tee -a "$work/upload.txt" >&2
done
# columns: 1 whole 2 calls 3 rss 4 phase | 5 cli whole 6 calls 7 rss 8 cli one-byte | 9 whole 10 calls 11 rss 12 phase (Java client)
# | 13 idle rss (crossdeploy:help) | 14 rss of the goal sending nothing | 15.. before
c=$(col upload 1) cr=$(col upload 3) cp=$(col upload 4) a=$(col upload 5) ar=$(col upload 7) a1=$(col upload 8)
j=$(col upload 9) jr=$(col upload 11) jp=$(col upload 12) idle=$(col upload 13) there=$(col upload 14)
ap=$(python3 -c "print(f'{$a - $a1:.2f}')")
mibs() { python3 -c "print(f'{$upload_mib/$1:.0f}')"; }
row "5 ${upload_mib} MiB upload at \`-Xmx128m\` against \`aws s3 cp\`: upload phase (whole process); peak RSS (the JVM idle: the same goal sending nothing; \`crossdeploy:help\`)" \
    "$cp s, $(mibs "$cp") MiB/s ($c s); ${cr%.*} MiB (idle ${there%.*} MiB; help ${idle%.*} MiB)" \
    "$ap s, $(mibs "$ap") MiB/s ($a s); ${ar%.*} MiB" \
    "phase speed $(ratio "$ap" "$cp"); whole process $(ratio "$a" "$c")" "speed ≥ 1.0×; RSS ≤ idle + 64 MiB" "$(calls_of upload 2) / $(calls_of upload 6)"
row "5a the same through the Java client (\`-Dcrossdeploy.nativeUpload=false\`)" \
    "$jp s, $(mibs "$jp") MiB/s ($j s); ${jr%.*} MiB" "$ap s ($a s)" \
    "phase speed $(ratio "$ap" "$jp"); whole process $(ratio "$a" "$j")" "" "$(calls_of upload 10) / $(calls_of upload 6)"
[ -n "$before" ] && row "5b the same as 5, plugin of $before (before), whole process" "$(col upload 15) s, $(col upload 17 | cut -d. -f1) MiB" "$a s" "speed $(ratio "$a" "$(col upload 15)")" "" "$(calls_of upload 16) / $(calls_of upload 6)"

fi
if want 6; then
# (6) waiting: 13 log groups chained by DependsOn, each taking wait_ms, on a second cloud
log "(6) waiting on a create of 13 chained resources, ${wait_ms} ms each"
start_cloud "$work/cloud-slow.yaml"; slow=$started
bare waiting
python3 - "$work/waiting/chain.yaml" <<'EOF'
import sys
t = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
for i in range(1, 14):
    t += f"  Logs{i}:\n    Type: AWS::Logs::LogGroup\n" + (f"    DependsOn: Logs{i-1}\n" if i > 1 else "") + "    Properties: {RetentionInDays: 7}\n"
open(sys.argv[1], "w").write(t)
EOF
wait_cross() { (cd "$work/waiting" && AWS_ENDPOINT_URL=$slow mvn -B -ntp -s "$work/settings.xml" crossdeploy:deploy-stack -Dstage=qa \
    -Dcrossdeploy.stackName="$1" -Dcrossdeploy.template="$work/waiting/chain.yaml"); }
wait_cli() {
    local ak sk st
    read -r ak sk st <<< "$(AWS_ENDPOINT_URL=$slow assume 333333333333)"
    AWS_ENDPOINT_URL=$slow AWS_ACCESS_KEY_ID=$ak AWS_SECRET_ACCESS_KEY=$sk AWS_SESSION_TOKEN=$st $aws_cli cloudformation deploy \
        --stack-name "$1" --template-file "$work/waiting/chain.yaml" --role-arn "arn:aws:iam::333333333333:role/crossdeploy-cfn-exec"
}
waiting() { # tool stack -> "calls/min delay polls"
    local t0 t1
    calls_reset "$slow"; t0=$(now)
    "wait_$1" "$2" > "$work/last-run.log" 2>&1 || { cat "$work/last-run.log"; exit 1; }
    t1=$(now)
    curl -sf "$slow/_localcloud/calls" > "$work/wait-calls.json"
    AWS_ENDPOINT_URL=$slow AWS_ACCESS_KEY_ID=$wak AWS_SECRET_ACCESS_KEY=$wsk AWS_SESSION_TOKEN=$wst \
        $aws_cli cloudformation describe-stack-events --stack-name "$2" --output json > "$work/wait-events.json"
    python3 - "$work/wait-calls.json" "$work/wait-events.json" "$t1" <<'EOF'
import datetime, json, sys
calls, events, end = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))["StackEvents"], float(sys.argv[3])
ts = lambda e: datetime.datetime.fromisoformat(e["Timestamp"].replace("Z", "+00:00")).timestamp()
stack = [e for e in events if e["LogicalResourceId"] == e["StackName"]]
first, last = min(ts(e) for e in stack), max(ts(e) for e in stack)
cfn = calls.get("cloudformation", {})
polls = cfn.get("DescribeStackEvents", 0) + cfn.get("DescribeStacks", 0)
print(f"{polls * 60 / (end - first):.1f} {end - last:.1f} {polls}")
EOF
}
read -r wak wsk wst <<< "$(AWS_ENDPOINT_URL=$slow assume 333333333333)"   # to read the stacks' events afterwards
: > "$work/waiting.txt"
for i in $(seq "$( $quick && echo 1 || echo 2)"); do
    echo "$(waiting cross "waiting-cross-$i") $(waiting cli "waiting-cli-$i")" | tee -a "$work/waiting.txt" >&2
done
row "6 waiting on 13 chained resources, ${wait_ms} ms each: polls a minute; notice after the final event" \
    "$(col waiting 1)/min; $(col waiting 2) s" "$(col waiting 4)/min; $(col waiting 5) s" "—" "≤ 40/min; ≤ 2 s" \
    "$(calls_of waiting 3) / $(calls_of waiting 6) polls"

fi
if want 8; then
# (8) the same commit built in two fresh clones gives the same zip
log "(8) example-api packaged in two fresh clones of HEAD"
shas=()
for n in 1 2; do
    rm -rf "$work/clone-$n" && git clone -q "$root" "$work/clone-$n"
    (cd "$work/clone-$n/example-api" && mvnq -DskipTests package crossdeploy:package)
    shas+=("$(sha256sum "$work/clone-$n"/example-api/target/*-lambda.zip | cut -c1-64)")
done
row "8 reproducible zip: example-api packaged in two fresh clones of $(git -C "$root" rev-parse --short HEAD)" \
    "$([ "${shas[0]}" = "${shas[1]}" ] && echo "same SHA-256 ${shas[0]:0:12}…" || echo "DIFFERENT: ${shas[0]:0:12}… ${shas[1]:0:12}…")" "—" "—" "same SHA-256" "—"

fi
load_end=$(load)
table=$(
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') at $(git -C "$root" rev-parse --short HEAD)$($quick && echo ', quick mode'), medians of $rounds rounds (row 1), $change_rounds (2), $first_rounds (3), $fan_rounds (4), $upload_rounds (5);"
    echo "load average $load_start at the start, $load_end at the end (2 cores); \`.mvn/jvm.config\`: \`$jvm_config\`."
    echo
    echo "| work | crossdeploy | AWS CLI v2 | ratio | target | API calls at the cloud (crossdeploy / CLI) |"
    echo "| --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}" | sort -s -V -k2,2   # in row order: 1, 1a, 1b, 2, ... (row 7 runs before row 4)
)
echo "$table"
if $write; then
    python3 - "$root/BENCHMARKS.md" "$table" <<'EOF'
import re, sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
begin, end = "<!-- bench:begin (written by bench/run.sh) -->", "<!-- bench:end -->"
if begin not in text:
    sys.exit(f"{path} has no '{begin}' marker")
head, rest = text.split(begin, 1)
open(path, "w").write(head + begin + "\n" + table + "\n" + end + rest.split(end, 1)[1])
EOF
    log "table written into BENCHMARKS.md"
fi
