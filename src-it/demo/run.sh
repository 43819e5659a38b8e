#!/usr/bin/env bash
# The whole job on the local cloud, as a newcomer's first command:
#   1. build the plugin and the local cloud, start the cloud (four accounts) on port 4566;
#   2. bootstrap the staging, QA and prod accounts with the plugin's bootstrap goal, each with
#      that account's administrator keys, trusting the pipeline account;
#   3. as the pipeline account, build example-api once (unit tests included) and deploy it to
#      staging with the bare lifecycle phase `mvn package deploy-stack -Dstage=staging`;
#   4. show prod refusing the artifact until staging has recorded it as tested;
#   5. run the integration tests (ApiIT) against the API deployed in staging (the uploaded
#      function, the staging account's table) and record the pass;
#   6. deploy the same artifact to QA and prod, and end with a table of the three stages.
# Stops the cloud at the end. PORT=N picks another port. Needs Java 17, Maven and Node.js (npm).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
port="${PORT:-4566}"
log="$root/src-it/demo/target/local-cloud.log"
version="0.1.0-SNAPSHOT"

say() { if [ -t 1 ]; then printf '\n\033[1m== %s\033[0m\n' "$*"; else printf '\n== %s\n' "$*"; fi; }

for dir in src-it/local-cloud example-api; do
  # dynalite: the local cloud's DynamoDB, and example-api's unit-test database.
  if [ -f "$root/$dir/package-lock.json" ] && [ ! -d "$root/$dir/node_modules" ]; then
    command -v npm >/dev/null || { echo "Node.js and npm are needed (apt-get install nodejs npm)." >&2; exit 1; }
    say "Installing $dir's npm packages (npm ci)"
    (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

say "Building the plugin and the local cloud (mvn install, tests skipped)"
mvn -B -q -f "$root/pom.xml" install -DskipTests -Dinvoker.skip=true

if curl -sf "http://localhost:$port/_localcloud/health" >/dev/null 2>&1; then
  echo "Port $port already answers; stop that server or run with PORT=<free port>." >&2
  exit 1
fi
mkdir -p "$(dirname "$log")"
java -jar "$root/src-it/local-cloud/target/crossdeploy-local-cloud.jar" --port "$port" --resource-delay-ms 100 >"$log" 2>&1 &
cloud=$!
trap 'kill $cloud 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  curl -sf "http://localhost:$port/_localcloud/health" >/dev/null 2>&1 && break
  kill -0 $cloud 2>/dev/null || { echo "The local cloud did not start; see $log" >&2; exit 1; }
  sleep 0.1
done
head -1 "$log"

export AWS_ENDPOINT_URL="http://localhost:$port" AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true

as_account() { # name key secret
  export AWS_ACCESS_KEY_ID="$2" AWS_SECRET_ACCESS_KEY="$3"
}

for account in "staging AKIASTAGING222222222 staging/secret/key/for/the/local/cloud22" \
               "qa AKIAQA33333333333333 qa/secret/key/for/the/local/cloud3333333" \
               "prod AKIAPROD444444444444 prod/secret/key/for/the/local/cloud444444"; do
  set -- $account
  say "Bootstrapping the $1 account (as its administrator)"
  as_account "$@"
  (cd "$root" && mvn -B -q dev.crossdeploy:crossdeploy-maven-plugin:$version:bootstrap -Dcrossdeploy.trustAccount=111111111111)
done

as_account pipeline AKIAPIPELINE11111111 pipeline/secret/key/for/the/local/cloud1
cd "$root/example-api"

say "Staging: build once, unit tests included, and deploy (mvn package deploy-stack -Dstage=staging)"
mvn -B package deploy-stack -Dstage=staging

say "Prod before staging recorded a pass: refused"
if mvn -B -q deploy-stack -Dstage=prod; then
  echo "prod accepted an untested artifact" >&2
  exit 1
fi

say "Staging: integration tests (ApiIT) against the deployed staging API, then record the pass"
mvn -B -q crossdeploy:outputs -Dstage=staging
api_url=$(sed -n 's/.*"ApiUrl" *: *"\([^"]*\)".*/\1/p' target/crossdeploy/staging-outputs.json)
echo "staging ApiUrl: $api_url"
mvn -B verify -DskipUnitTests -Dcrossdeploy.output.ApiUrl="$api_url"
mvn -B -q crossdeploy:mark-verified -Dstage=staging

say "QA: the same artifact (mvn deploy-stack -Dstage=qa)"
mvn -B deploy-stack -Dstage=qa

say "Prod: the tested artifact, with termination protection"
mvn -B deploy-stack -Dstage=prod

say "Where example-api runs now"
sha=$(sed -n 's/.*"sha256" *: *"\([0-9a-f]*\)".*/\1/p' target/crossdeploy/artifact.json)
printf '%-8s %-12s %-16s %-14s %-62s %s\n' STAGE ACCOUNT STACK ARTIFACT API "POST /notes"
for stage in "staging 222222222222 AKIASTAGING222222222 staging/secret/key/for/the/local/cloud22" \
             "qa 333333333333 AKIAQA33333333333333 qa/secret/key/for/the/local/cloud3333333" \
             "prod 444444444444 AKIAPROD444444444444 prod/secret/key/for/the/local/cloud444444"; do
  set -- $stage
  mvn -B -q crossdeploy:outputs -Dstage="$1" >/dev/null
  aws_url=$(sed -n 's/.*"ApiUrl" *: *"\([^"]*\)".*/\1/p' "target/crossdeploy/$1-outputs.json")
  # The stack's ApiUrl is written for AWS; the local cloud serves the same stage under its endpoint.
  local_url=$(printf '%s' "$aws_url" | sed -E "s#^https://([a-z0-9]+)\.execute-api\.[^/]+/(.*)\$#http://localhost:$port/_aws/execute-api/\1/\2#")
  status=$(AWS_ACCESS_KEY_ID=$3 AWS_SECRET_ACCESS_KEY=$4 aws cloudformation describe-stacks --stack-name "example-api-$1" \
      --query 'Stacks[0].StackStatus' --output text 2>/dev/null || echo "(no aws cli)")
  answer=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      -d '{"title": "hello from the demo"}' "$local_url/notes")
  printf '%-8s %-12s %-16s %-14s %-62s %s\n' "$1" "$2" "$status" "${sha:0:12}" "$local_url" "$answer"
done

say "Done: example-api runs in staging, QA and prod from one artifact, tested in staging first. Outputs are in example-api/target/crossdeploy/."
