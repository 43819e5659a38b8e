#!/usr/bin/env bash
# A 256 MiB artifact uploaded by crossdeploy (at -Xmx128m) and by `aws s3 cp`, same local cloud,
# same bucket, same deploy role, in interleaved pairs; prints each run and the medians: upload
# phase time and MiB/s, idle and peak RSS. Not part of any test command.
#
#   plugin/bench/upload-vs-cli.sh [rounds=5] [MiB=256] [before-commit]
#
# With a commit, each round also runs that commit's upload package and Sha256 (compiled over
# the current classes), for a before/after figure measured under the same load.
# crossdeploy runs UploadBenchmark (the upload-to-account engine: manifest SHA-256 check, HEAD,
# multipart upload) in a JVM of its own; every run gets a file of fresh random bytes, since an
# object already there under its content-addressed key is not uploaded again. The CLI runs
# under /usr/bin/time with the deploy role's credentials. Compiles in the worktree (no install),
# starts its own local cloud on a free port and leaves nothing running. Needs Java 17, Maven,
# python3, GNU time and Debian's awscli.
set -euo pipefail
rounds=${1:-5}
size_mib=${2:-256}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$root/plugin/target/bench-upload
aws_cli=/usr/bin/aws
mkdir -p "$work"
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

echo "== compiling the plugin's tests and the local cloud"
(cd "$root" && mvn -B -ntp -q -o -pl src-it/local-cloud,plugin -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test)
cp=$root/plugin/target/test-classes:$root/plugin/target/classes:$(cat "$work/cp.txt")
before=${3:-}
if [ -n "$before" ]; then
    rm -rf "$work/before-src" "$work/before-classes" && mkdir -p "$work/before-src" "$work/before-classes"
    for f in $(cd "$root" && git ls-tree -r --name-only "$before" plugin/src/main/java/dev/crossdeploy/upload plugin/src/main/java/dev/crossdeploy/artifact/Sha256.java); do
        mkdir -p "$work/before-src/$(dirname "$f")" && (cd "$root" && git show "$before:$f") > "$work/before-src/$f"
    done
    javac -nowarn -d "$work/before-classes" -cp "$cp" $(find "$work/before-src" -name '*.java')
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint=http://localhost:$port
java -Xmx1g -cp "$cp" dev.crossdeploy.localcloud.LocalCloudMain \
    --port "$port" --config "$root/src-it/plugin-it/src/it/cloud.yaml" > "$work/local-cloud.log" 2>&1 &
cloud_pid=$!
trap 'kill $cloud_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "$endpoint/_localcloud/health" >/dev/null && break; sleep 0.1; done

export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
printf '[default]\ns3 =\n    addressing_style = path\n' > "$work/aws-config"
export AWS_CONFIG_FILE=$work/aws-config
account=333333333333
bucket=crossdeploy-artifacts-$account-us-east-1
creds=$(AWS_ACCESS_KEY_ID=AKIAPIPELINE11111111 AWS_SECRET_ACCESS_KEY=pipeline/secret/key/for/the/local/cloud1 \
    $aws_cli --endpoint-url "$endpoint" sts assume-role --role-arn "arn:aws:iam::$account:role/crossdeploy-deploy" \
    --role-session-name crossdeploy-cli-bench --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
read -r ak sk st <<< "$creds"

cross() { # [MiB] [extra class path first]
    local mib=${1:-$size_mib} t0
    # A zip (the goal checks it opens) holding one stored entry of random bytes.
    python3 -c 'import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z, z.open("payload.bin", "w", force_zip64=True) as f:
    for _ in range(int(sys.argv[2])): f.write(os.urandom(1 << 20))' "$work/artifact.zip" "$mib"
    rm -rf "$work/build"
    t0=$(date +%s.%N)
    java -Xmx128m -cp "${2:+$2:}$cp" dev.crossdeploy.bench.UploadBenchmark "$endpoint" "$work/artifact.zip" "$work/build" | tr -d '\n'
    printf '; whole process %.2f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"
}
cli() {
    local t0 t1 out
    t0=$(date +%s.%N)
    out=$(AWS_ACCESS_KEY_ID=$ak AWS_SECRET_ACCESS_KEY=$sk AWS_SESSION_TOKEN=$st /usr/bin/time -f '%M' \
        $aws_cli --endpoint-url "$endpoint" s3 cp "$work/artifact.zip" "s3://$bucket/cli-bench/$1.zip" --only-show-errors 2>&1)
    t1=$(date +%s.%N)
    printf 'aws s3 cp %.2f s, %.1f MiB/s; peak RSS %d MiB\n' "$(echo "$t1 - $t0" | bc)" \
        "$(echo "$size_mib / ($t1 - $t0)" | bc -l)" "$(( $(echo "$out" | tail -1) / 1024 ))"
}

: > "$work/runs.txt"; rm -f "$work/before.txt"
cross > /dev/null   # warm the cloud, not counted
echo "loaded baseline, a 1 MiB upload: $(cross 1)"
for i in $(seq "$rounds"); do
    c=$(cross); a=$(cli "$i")
    echo "$i: $c | $a" | tee -a "$work/runs.txt"
    if [ -n "$before" ]; then echo "$i before ($before): $(cross "$size_mib" "$work/before-classes")" | tee -a "$work/before.txt"; fi
done
: >> "$work/before.txt"
ct=$(sed -E 's/.*upload phase ([0-9.]+) s.*/\1/' "$work/runs.txt" | median)
at=$(sed -E 's/.*aws s3 cp ([0-9.]+) s.*/\1/' "$work/runs.txt" | median)
cp_=$(sed -E 's/.*\(\+([0-9]+)\).*/\1/' "$work/runs.txt" | median)
ap=$(sed -E 's/.*aws s3 cp .* peak RSS ([0-9]+) MiB.*/\1/' "$work/runs.txt" | median)
if [ -n "$before" ]; then
    bt=$(sed -E 's/.*upload phase ([0-9.]+) s.*/\1/' "$work/before.txt" | median)
    bp=$(sed -E 's/.*\(\+([0-9]+)\).*/\1/' "$work/before.txt" | median)
    printf 'median before (%s): %s s (%.1f MiB/s), peak RSS +%s MiB over idle; speed ratio to the CLI %.2f\n' \
        "$before" "$bt" "$(echo "$size_mib / $bt" | bc -l)" "$bp" "$(echo "$at / $bt" | bc -l)"
fi
printf 'median of %d (%d MiB): crossdeploy %s s (%.1f MiB/s), peak RSS +%s MiB over idle; aws s3 cp %s s (%.1f MiB/s), peak RSS %s MiB; speed ratio crossdeploy/CLI %.2f\n' \
    "$rounds" "$size_mib" "$ct" "$(echo "$size_mib / $ct" | bc -l)" "$cp_" "$at" "$(echo "$size_mib / $at" | bc -l)" "$ap" "$(echo "$at / $ct" | bc -l)"
