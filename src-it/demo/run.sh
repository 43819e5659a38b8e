#!/usr/bin/env bash
# The whole architecture on the local cloud, from a git push, as a newcomer's first command:
#   1. build the plugin and the local cloud, start the cloud (four accounts) on port 4566;
#   2. bootstrap the staging, QA and prod accounts with the plugin's bootstrap goal, each with that
#      account's administrator keys, trusting only the pipeline account's CodeBuild role;
#   3. deploy the central pipeline (example-api/pipeline/pipeline.yaml) into the pipeline account:
#      CodeCommit repository, EventBridge rule, CodePipeline, CodeBuild projects, logs;
#   4. push example-api to the repository: the push alone starts the pipeline, which builds once,
#      deploys staging, runs the integration tests against the API deployed there, deploys QA,
#      waits for the approval (this script approves, and says so) and deploys prod;
#   5. follow it live, and end with a table of the stages and the commands to look further.
# Usage: src-it/demo/run.sh [--keep]   (--keep leaves the cloud running; PORT=N picks another port)
# Needs Java 17, Maven, Node.js (npm), git and the AWS CLI (Debian's awscli).
# Written for a log: one line per step with its duration, each step's own summary lines, Maven's
# full output in src-it/demo/target/*.log (shown only when a step fails), and a closing table.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
port="${PORT:-4566}"
keep=false
for arg in "$@"; do
  case "$arg" in
    --keep) keep=true ;;
    *) echo "Unknown option $arg; usage: src-it/demo/run.sh [--keep]" >&2; exit 2 ;;
  esac
done
work="$root/src-it/demo/target"
log="$work/local-cloud.log"
mkdir -p "$work"
version="0.1.0-SNAPSHOT"
pipeline=example-api-pipeline
endpoint="http://localhost:$port"
started=$(date +%s)

step_names=() step_times=()
step=""
step_started=0
# Ends the current step with its duration, starts the next; "say" with no argument only ends it.
say() {
  if [ -n "$step" ]; then
    local took=$(( $(date +%s) - step_started ))
    step_names+=("$step") step_times+=("$took")
    printf '   done in %ss\n' "$took"
  fi
  step="$*" step_started=$(date +%s)
  [ -z "$step" ] || printf '\n== %s (at %ss)\n' "$step" "$(( step_started - started ))"
}
# Maven with its whole output in target/<name>.log (Maven 3.8 writes colour resets even with -B:
# they are stripped); on failure the log's last lines, then the script stops.
logged_mvn() {
  local name=$1; shift
  if ! mvn -B "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >"$work/$name.log"; then
    echo "Maven failed; the last lines of $work/$name.log:" >&2
    tail -30 "$work/$name.log" >&2
    exit 1
  fi
}
# crossdeploy's own lines from a Maven log, without Maven's level prefix.
summary() { grep -E "$2" "$work/$1.log" | sed -E 's/^\[(INFO|WARNING)\] /   /' || true; }
# git push, showing the server's progress lines only when the push fails.
push() {
  if ! git_ push -q "$local_clone_url" master >"$work/push.log" 2>&1; then cat "$work/push.log" >&2; exit 1; fi
}
need() { command -v "$1" >/dev/null || { echo "$1 is needed: $2" >&2; exit 1; }; }
need mvn "install Maven (apt-get install maven)"
need git "install git (apt-get install git)"
need npm "install Node.js (apt-get install nodejs npm)"
aws_cli=$(command -v /usr/bin/aws || command -v aws || true)
[ -n "$aws_cli" ] || { echo "The AWS CLI is needed: apt-get install awscli" >&2; exit 1; }

for dir in src-it/local-cloud example-api; do
  # dynalite: the local cloud's DynamoDB, and example-api's unit-test database.
  if [ -f "$root/$dir/package-lock.json" ] && [ ! -d "$root/$dir/node_modules" ]; then
    say "Installing $dir's npm packages (npm ci)"
    (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error --no-progress)
  fi
done

say "Building the plugin and the local cloud (mvn install, tests skipped)"
logged_mvn build -f "$root/pom.xml" install -DskipTests -Dinvoker.skip=true
summary build ' (SUCCESS|FAILURE) \['

if curl -sf "$endpoint/_localcloud/health" >/dev/null 2>&1; then
  echo "Port $port already answers; stop that server or run with PORT=<free port>." >&2
  exit 1
fi
say "Starting the local cloud on port $port"
java -jar "$root/src-it/local-cloud/target/crossdeploy-local-cloud.jar" --port "$port" --resource-delay-ms 20 >"$log" 2>&1 &
cloud=$!
if [ "$keep" = false ]; then
  trap 'kill $cloud 2>/dev/null || true' EXIT
else
  # Also after a failure: the cloud stays up to be looked at, and the log says how to stop it.
  trap 'echo "The local cloud keeps running at $endpoint (pid $cloud; stop it with: kill $cloud)."' EXIT
fi
for _ in $(seq 300); do
  curl -sf "$endpoint/_localcloud/health" >/dev/null 2>&1 && break
  kill -0 $cloud 2>/dev/null || { echo "The local cloud did not start; see $log" >&2; exit 1; }
  sleep 0.1
done
sed -n '1s/^/   /p' "$log"

export AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
as_account() { export AWS_ACCESS_KEY_ID="$1" AWS_SECRET_ACCESS_KEY="$2"; }
aws() { "$aws_cli" --endpoint-url "$endpoint" "$@"; }

accounts=("staging 222222222222 AKIASTAGING222222222 staging/secret/key/for/the/local/cloud22"
          "qa 333333333333 AKIAQA33333333333333 qa/secret/key/for/the/local/cloud3333333"
          "prod 444444444444 AKIAPROD444444444444 prod/secret/key/for/the/local/cloud444444")
for account in "${accounts[@]}"; do
  set -- $account
  say "Bootstrapping the $1 account $2 (as its administrator), trusting only the pipeline's CodeBuild role"
  as_account "$3" "$4"
  # Outside any project, as an administrator would: the outputs file stays in that directory.
  mkdir -p "$work/bootstrap-$1"
  (cd "$work/bootstrap-$1" && logged_mvn "bootstrap-$1" dev.crossdeploy:crossdeploy-maven-plugin:$version:bootstrap \
      -Dcrossdeploy.trustAccount=111111111111 -Dcrossdeploy.trustRoles=$pipeline-codebuild)
  summary "bootstrap-$1" 'Bootstrapping account|Stack crossdeploy-bootstrap is|No changes|Outputs written to'

done

as_account AKIAPIPELINE11111111 pipeline/secret/key/for/the/local/cloud1
say "Deploying the central pipeline into the pipeline account 111111111111"
aws cloudformation create-stack --stack-name $pipeline --template-body "file://$root/example-api/pipeline/pipeline.yaml" \
    --capabilities CAPABILITY_NAMED_IAM --parameters ParameterKey=StagingAccountId,ParameterValue=222222222222 \
    ParameterKey=QaAccountId,ParameterValue=333333333333 ParameterKey=ProdAccountId,ParameterValue=444444444444 >/dev/null
for _ in $(seq 600); do
  status=$(aws cloudformation describe-stacks --stack-name $pipeline --query 'Stacks[0].StackStatus' --output text)
  case "$status" in *_IN_PROGRESS) sleep 0.2 ;; *) break ;; esac
done
echo "   stack $pipeline: $status"
[ "$status" = CREATE_COMPLETE ] || exit 1
clone_url=$(aws codecommit get-repository --repository-name example-api --query 'repositoryMetadata.cloneUrlHttp' --output text)
local_clone_url="$endpoint/v1/repos/example-api"
echo "   repository: $clone_url (locally $local_clone_url)"

say "Pushing example-api to master (the push starts the pipeline through EventBridge)"
repo="$work/example-api-repository"
rm -rf "$repo" && mkdir -p "$repo"
(cd "$root/example-api" && tar --exclude=./target --exclude=./node_modules -cf - .) | (cd "$repo" && tar -xf -)
git_() {
  git -C "$repo" -c "credential.helper=!f() { if [ \"\$1\" = get ]; then $aws_cli codecommit credential-helper get --ignore-host-check; fi; }; f" \
      -c credential.UseHttpPath=true -c user.name=Demo -c user.email=demo@example.com "$@"
}
git_ init -q -b master
git_ add -A
git_ commit -q -m "example-api"
push

# The newest execution's id, once it differs from $1 (bounded wait).
await_new_execution() {
  for _ in $(seq 120); do
    id=$(aws codepipeline list-pipeline-executions --pipeline-name $pipeline --max-items 1 \
        --query 'pipelineExecutionSummaries[0].pipelineExecutionId' --output text 2>/dev/null | head -1)
    if [ -n "$id" ] && [ "$id" != None ] && [ "$id" != "$1" ]; then echo "$id"; return; fi
    sleep 0.5
  done
  echo "No pipeline execution started within a minute of the push." >&2
  exit 1
}

# Prints each action's status changes for execution $1, approves production, ends at prod or a failure.
follow() {
  local execution=$1 seen="" result="" lines stage action status token id
  for _ in $(seq 1800); do
    lines=$(aws codepipeline get-pipeline-state --name $pipeline --query 'stageStates[].[stageName, actionStates[0].actionName,
        latestExecution.pipelineExecutionId, actionStates[0].latestExecution.status, actionStates[0].latestExecution.token]' --output text)
    while IFS=$'\t' read -r stage action id status token; do
      [ "$id" = "$execution" ] || continue
      [ "$status" = None ] && continue
      case "$seen" in *"|$stage:$status|"*) continue ;; esac
      seen="$seen|$stage:$status|"
      printf '   %-6s %-17s %-19s %s\n' "$(( $(date +%s) - started ))s" "$stage" "$action" "$status"
      if [ "$stage" = Approval ] && [ "$status" = InProgress ]; then
        echo "   Approving production (the demo approves for you; a person would run this, or use the console):"
        echo "     aws codepipeline put-approval-result --pipeline-name $pipeline --stage-name Approval --action-name $action --token <token> --result summary=...,status=Approved"
        aws codepipeline put-approval-result --pipeline-name $pipeline --stage-name Approval --action-name "$action" \
            --token "$token" --result "summary=Approved by src-it/demo/run.sh,status=Approved" >/dev/null
      fi
      if [ "$status" = Failed ]; then result="failed at $stage"; fi
      if [ "$stage" = DeployProd ] && [ "$status" = Succeeded ]; then result=succeeded; fi
    done <<< "$lines"
    [ -n "$result" ] && break
    sleep 1
  done
  if [ "$result" != succeeded ]; then
    echo "The pipeline ${result:-did not finish in 30 minutes}. The builds' last lines:" >&2
    for group in build deploy integration-test; do
      aws logs filter-log-events --log-group-name "/aws/codebuild/$pipeline-$group" --query 'events[-15:].message' \
          --output text 2>/dev/null | tr '\t' '\n' >&2 || true
    done
    exit 1
  fi
}

say "Following the pipeline (stage / action: status)"
first=$(await_new_execution none)
follow "$first"

say "A second push with no source change (a README edit): the same artifact, nothing new deployed"
printf '\nPushed again by the demo.\n' >> "$repo/README.md"
git_ commit -q -am "README only"
push
follow "$(await_new_execution "$first")"
# What the second run's deploy actions said (their lines in the pipeline account's deploy log group).
aws logs filter-log-events --log-group-name "/aws/codebuild/$pipeline-deploy" --query 'events[].message' --output text \
    | tr '\t' '\n' | grep -E 'No changes:|Artifact already in' | tail -6 | sed -E 's/^\[(INFO|WARNING)\] //; s/^/   deploy log: /' || true

say "Where example-api runs now"
printf '   %-8s %-12s %-16s %-14s %-62s %s\n' STAGE ACCOUNT STACK ARTIFACT API "POST /notes"
for account in "${accounts[@]}"; do
  set -- $account
  stack=$(AWS_ACCESS_KEY_ID=$3 AWS_SECRET_ACCESS_KEY=$4 aws cloudformation describe-stacks --stack-name "example-api-$1" \
      --query 'Stacks[0].[StackStatus, Parameters[?ParameterKey==`ArtifactKey`].ParameterValue | [0], Outputs[?OutputKey==`ApiUrl`].OutputValue | [0]]' \
      --output text)
  read -r status artifact api_url <<< "$stack"
  sha=$(basename "$artifact" .zip)
  # The stack's ApiUrl is written for AWS; the local cloud serves the same stage under its endpoint.
  local_url=$(printf '%s' "$api_url" | sed -E "s#^https://([a-z0-9]+)\.execute-api\.[^/]+/(.*)\$#$endpoint/_aws/execute-api/\1/\2#")
  answer=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      -d '{"title": "hello from the demo"}' "$local_url/notes")
  [ "$1" = staging ] && staging_url=$local_url
  printf '   %-8s %-12s %-16s %-14s %-62s %s\n' "$1" "$2" "$status" "${sha:0:12}" "$local_url" "$answer"
done

say ""

total=$(( $(date +%s) - started ))
printf '\nSteps:\n'
for i in "${!step_names[@]}"; do printf '   %5ss  %s\n' "${step_times[$i]}" "${step_names[$i]}"; done
printf '   %5ss  total\n' "$total"
cat <<TXT

Done in ${total}s: one push went through Build, staging, the integration tests against the deployed
staging API, QA, the approval and prod, from one artifact; a second push without a source change
built the same artifact and changed nothing. Maven's full output is in $work/*.log.
TXT
if [ "$keep" = true ]; then
  cat <<TXT
To look around:
  export AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIAPIPELINE11111111 AWS_SECRET_ACCESS_KEY=pipeline/secret/key/for/the/local/cloud1
  aws --endpoint-url $endpoint codepipeline get-pipeline-state --name $pipeline --query 'stageStates[].[stageName, latestExecution.status]' --output table
  aws --endpoint-url $endpoint logs filter-log-events --log-group-name /aws/codebuild/$pipeline-deploy --query 'events[].message' --output text
  AWS_ACCESS_KEY_ID=AKIASTAGING222222222 AWS_SECRET_ACCESS_KEY=staging/secret/key/for/the/local/cloud22 aws --endpoint-url $endpoint cloudformation describe-stacks --stack-name example-api-staging --query 'Stacks[0].Outputs' --output table
  curl -s -X POST -H 'Content-Type: application/json' -d '{"title": "hello"}' $staging_url/notes
TXT
else
  echo "Stopping the local cloud (run with --keep to leave it running and get the commands to look around)."
fi
