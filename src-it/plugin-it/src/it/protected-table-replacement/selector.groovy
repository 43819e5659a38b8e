// Known failing (local cloud refuses to replace a renamed table): see ../KNOWN-FAILING.md.
// Skipped unless the build runs with -Dit.knownFailing=true.
return Boolean.getBoolean('it.knownFailing')
