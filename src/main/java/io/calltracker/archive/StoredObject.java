package io.calltracker.archive;

/** What a transfer wrote to the bucket: the bytes' count and SHA-256 (hex), computed as they streamed through. */
record StoredObject(String key, String contentType, long sizeBytes, String sha256) {
}
