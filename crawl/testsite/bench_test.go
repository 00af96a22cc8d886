package testsite

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkServeMirror serves the 200 article pages of a generated mirror
// through ServeHTTP (no network), in passes over the pages: from the second
// pass on, their ETags and headers come from the file cache (a one-pass
// crawl of a large mirror gets only the reused read buffers). MB/s counts
// the bodies served; B/op includes the recorder's copy of the body.
func BenchmarkServeMirror(b *testing.B) {
	const host, n, seed = "bao1.example.vn", 200, 1
	dir := b.TempDir()
	if err := Mirror(dir, host, n, seed); err != nil {
		b.Fatal(err)
	}
	s, err := New(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	reqs := make([]*http.Request, n)
	for i := range reqs {
		reqs[i] = httptest.NewRequest("GET", MirrorArticleURL(host, i+1, seed), nil)
	}
	var bytes int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, reqs[i%n])
		if w.Code != http.StatusOK {
			b.Fatalf("%s: status %d", reqs[i%n].URL, w.Code)
		}
		bytes += int64(w.Body.Len())
	}
	b.SetBytes(bytes / int64(b.N))
}
