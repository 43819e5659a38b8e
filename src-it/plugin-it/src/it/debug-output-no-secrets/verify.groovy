import dev.crossdeploy.it.BuildLog

def log = BuildLog.of(basedir)
log.shows('[DEBUG]', 'Sending Request: DefaultSdkHttpFullRequest', 'Stack debug-output-no-secrets-qa is CREATE_COMPLETE')
// The local cloud's session tokens start with LCST; STS's answer names the secret key SecretAccessKey.
log.lacks('n0echo-Value-7f3a9c', 'LCST', 'SecretAccessKey', 'x-amz-security-token:', 'X-Amz-Security-Token:')
true
