package dev.crossdeploy.localcloud.dynamodb;

/** What dynalite answered: passed to the caller unchanged, checksum header included. */
record DynaliteAnswer(int status, String contentType, String crc32, byte[] body) {}
