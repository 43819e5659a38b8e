#!/usr/bin/env bash
# crossdeploy against the AWS CLI v2 on the local cloud: a no-change redeploy and a code-change
# deploy of example-api, same stack, template, parameters, tags and key for both tools, in
# interleaved pairs; prints each run and the medians. Not part of any test command.
#
#   plugin/bench/deploy-vs-cli.sh [rounds=7] [jvm.config flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"] [other flags]
#
# With other flags, a fourth deploy a round uses them (for comparing two jvm.config candidates).
# Each round runs three deploys back to back: crossdeploy, crossdeploy with the given flags in
# the project's .mvn/jvm.config, and the CLI (sts assume-role, s3api head-object [put-object],
# cloudformation deploy).
#
# Builds the plugin and the local cloud into a repository of its own under plugin/target/bench
# (dependencies are copied from ~/.m2, which it never writes), starts its own local cloud on a
# free port, and leaves nothing running. Needs Java 17, Maven, python3 and Debian's awscli.
set -euo pipefail
rounds=${1:-7}
jvm_flags=${2:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto}
other_flags=${3:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$root/plugin/target/bench
repo=$work/repo
aws_cli=/usr/bin/aws
mkdir -p "$work"
cat > "$work/settings.xml" <<EOF
<settings>
  <localRepository>$repo</localRepository>
  <mirrors><mirror><id>user-repository</id><mirrorOf>*</mirrorOf><url>file://$HOME/.m2/repository</url></mirror></mirrors>
</settings>
EOF
mvnb() { mvn -B -ntp -q -s "$work/settings.xml" "$@"; }
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

echo "== building the plugin and the local cloud into $repo"
(cd "$root" && mvnb -pl src-it/local-cloud,plugin -am install -DskipTests -Dinvoker.skip=true)
(cd "$root/src-it/local-cloud" && mvnb dependency:build-classpath -Dmdep.outputFile="$work/cloud-cp.txt" -Dmdep.includeScope=runtime)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint=http://localhost:$port
java -Xmx512m -cp "$root/src-it/local-cloud/target/classes:$(cat "$work/cloud-cp.txt")" dev.crossdeploy.localcloud.LocalCloudMain \
    --port "$port" --config "$root/src-it/plugin-it/src/it/cloud.yaml" > "$work/local-cloud.log" 2>&1 &
cloud_pid=$!
trap 'kill $cloud_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "$endpoint/_localcloud/health" >/dev/null && break; sleep 0.1; done

export AWS_ENDPOINT_URL=$endpoint AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_ACCESS_KEY_ID=AKIAPIPELINE11111111 AWS_SECRET_ACCESS_KEY=pipeline/secret/key/for/the/local/cloud1
printf '[default]\ns3 =\n    addressing_style = path\n' > "$work/aws-config"
export AWS_CONFIG_FILE=$work/aws-config
account=333333333333
bucket=crossdeploy-artifacts-$account-us-east-1

echo "== two builds of example-api that differ in one resource file, packaged once each"
for v in a b; do
    rm -rf "$work/api-$v" && mkdir -p "$work/api-$v"
    (cd "$root/example-api" && tar cf - --exclude=./target --exclude=./node_modules .) | (cd "$work/api-$v" && tar xf -)
    mkdir -p "$work/api-$v/src/main/resources" && echo "build $v" > "$work/api-$v/src/main/resources/bench-build.txt"
    (cd "$work/api-$v" && mvnb -Pdeploy -DskipTests package crossdeploy:package)
    # The same project and artifact, with the JVM flags for Maven.
    rm -rf "$work/api-$v-jvm" && cp -r "$work/api-$v" "$work/api-$v-jvm"
    mkdir -p "$work/api-$v-jvm/.mvn" && echo "$jvm_flags" > "$work/api-$v-jvm/.mvn/jvm.config"
    if [ -n "$other_flags" ]; then
        rm -rf "$work/api-$v-other" && cp -r "$work/api-$v" "$work/api-$v-other"
        mkdir -p "$work/api-$v-other/.mvn" && echo "$other_flags" > "$work/api-$v-other/.mvn/jvm.config"
    fi
done

cross() { (cd "$work/api-$1" && mvn -B -ntp -s "$work/settings.xml" -Pdeploy crossdeploy:upload-to-account crossdeploy:deploy-stack -Dstage=qa -Dcrossdeploy.pathStyleAccess=true); }
cli() {
    local v=$1 key sha creds
    key=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["key"])' "$work/api-$v/target/crossdeploy/qa-upload.json")
    sha=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$work/api-$v/target/crossdeploy/artifact.json")
    creds=$($aws_cli --endpoint-url "$endpoint" sts assume-role --role-arn "arn:aws:iam::$account:role/crossdeploy-deploy" \
        --role-session-name crossdeploy-cli-bench --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
    read -r ak sk st <<< "$creds"
    AWS_ACCESS_KEY_ID=$ak AWS_SECRET_ACCESS_KEY=$sk AWS_SESSION_TOKEN=$st bash -c '
        "$0" --endpoint-url "$1" s3api head-object --bucket "$2" --key "$3" --expected-bucket-owner "$6" >/dev/null 2>&1 \
          || "$0" --endpoint-url "$1" s3api put-object --bucket "$2" --key "$3" --body "$4" --server-side-encryption AES256 >/dev/null
        "$0" --endpoint-url "$1" cloudformation deploy --stack-name example-api-qa --template-file "$5" \
            --parameter-overrides ArtifactBucket="$2" ArtifactKey="$3" Stage=qa \
            --role-arn "arn:aws:iam::$6:role/crossdeploy-cfn-exec" --capabilities CAPABILITY_IAM \
            --tags crossdeploy:stage=qa crossdeploy:artifact-sha256="$7" --no-fail-on-empty-changeset >/dev/null' \
        "$aws_cli" "$endpoint" "$bucket" "$key" "$(ls "$work/api-$v"/target/*-lambda.zip)" \
        "$work/api-$v/src/main/cloudformation/template.yaml" "$account" "$sha"
}
cross_jvm() { cross "$1-jvm"; }
cross_other() { cross "$1-other"; }
timed() { local t0; t0=$(now); "$@" > "$work/last-run.log" 2>&1 || { cat "$work/last-run.log"; exit 1; }; echo "$(now) - $t0" | bc; }

echo "== first deploy (build a), then build b's artifact uploaded, not timed"
cross a; (cd "$work/api-b" && mvnb -Pdeploy crossdeploy:upload-to-account -Dstage=qa -Dcrossdeploy.pathStyleAccess=true)
cli a   # the CLI's own first run (Python's start-up caches), a no-change deploy

tools="cross cross_jvm cli${other_flags:+ cross_other}"
for f in no-change code-change; do : > "$work/$f.txt"; done
echo "== $rounds rounds of no-change redeploys of build a: crossdeploy, crossdeploy + jvm.config ($jvm_flags), CLI"
for i in $(seq "$rounds"); do
    line=""
    for tool in $tools; do
        t=$(timed $tool a)
        if [ "$tool" != cli ] && ! grep -q "No changes" "$work/last-run.log"; then echo "$tool: not a no-change deploy"; exit 1; fi
        line="$line $t"
    done
    echo "$line" >> "$work/no-change.txt"; echo "no-change $i:$line"
done
echo "== $rounds rounds of code-change deploys: each run deploys the build the stack does not have"
has=a
for i in $(seq "$rounds"); do
    line=""
    for tool in $tools; do
        next=$([ "$has" = a ] && echo b || echo a)
        line="$line $(timed $tool $next)"; has=$next
    done
    echo "$line" >> "$work/code-change.txt"; echo "code-change $i:$line"
done
for f in no-change code-change; do
    c=$(cut -d' ' -f2 "$work/$f.txt" | median); j=$(cut -d' ' -f3 "$work/$f.txt" | median); a=$(cut -d' ' -f4 "$work/$f.txt" | median)
    printf 'median %s (s): crossdeploy %s, with jvm.config %s, CLI %s; ratios to the CLI %.2f and %.2f\n' \
        "$f" "$c" "$j" "$a" "$(echo "$c / $a" | bc -l)" "$(echo "$j / $a" | bc -l)"
    if [ -n "$other_flags" ]; then
        o=$(cut -d' ' -f5 "$work/$f.txt" | median)
        printf 'median %s with the other flags (%s): %s s, ratio to the CLI %.2f\n' "$f" "$other_flags" "$o" "$(echo "$o / $a" | bc -l)"
    fi
done
