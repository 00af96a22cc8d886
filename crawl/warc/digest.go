package warc

import (
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
)

// ErrDigest is returned by Verify for a block or payload whose SHA-1 is not
// the one its header states.
var ErrDigest = errors.New("digest mismatch")

// Digest returns the WARC digest of the concatenation of parts (usually
// one): "sha1:" and the base32 SHA-1, as in the standard's examples.
func Digest(parts ...[]byte) string {
	var s [sha1.Size]byte
	if len(parts) == 1 {
		s = sha1.Sum(parts[0])
	} else {
		h := sha1.New()
		for _, p := range parts {
			h.Write(p)
		}
		h.Sum(s[:0])
	}
	return "sha1:" + base32.StdEncoding.EncodeToString(s[:])
}

// Verify checks the record's WARC-Block-Digest and, for an application/http
// block, its WARC-Payload-Digest (over the entity body, de-chunked). Only
// sha1 digests are checked; a missing field or another algorithm is not an
// error.
func Verify(rec *Record) error {
	if err := verifyField(rec, "WARC-Block-Digest", rec.Block); err != nil {
		return err
	}
	if !strings.HasPrefix(strings.ToLower(rec.ContentType()), "application/http") {
		return nil
	}
	if body, ok := entityBody(rec.Block); ok {
		return verifyField(rec, "WARC-Payload-Digest", body)
	}
	return nil
}

func verifyField(rec *Record, name string, data []byte) error {
	want := strings.TrimSpace(rec.Header.Get(name))
	algo, val, ok := strings.Cut(want, ":")
	if !ok || !strings.EqualFold(algo, "sha1") {
		return nil
	}
	got := Digest(data)
	if !strings.EqualFold(strings.TrimRight(val, "="), got[len("sha1:"):]) {
		return fmt.Errorf("warc: record %s: %s is %s, the data's is %s: %w", rec.ID(), name, want, got, ErrDigest)
	}
	return nil
}
