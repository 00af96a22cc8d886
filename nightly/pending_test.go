package nightly

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/thidua/thidua/crawl/testsite"
	"github.com/thidua/thidua/extract"
)

// TestPendingRetried: a page whose record was not stored (PendingFile) is
// extracted from the archive by the next night, without refetching it, and
// leaves the list.
func TestPendingRetried(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	e.run(t)
	before := records(t, e.data)
	// Lose every record, and say one page is pending.
	page := archivedPage(t, e)
	for _, d := range []string{"records", "index"} {
		if err := os.RemoveAll(filepath.Join(e.data, d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := writePending(e.data, []pendingPage{page}); err != nil {
		t.Fatal(err)
	}
	rep := e.run(t)
	if rep.Retried != 1 || rep.NewRecords != 1 || rep.Pending != 0 {
		t.Errorf("night after a pending page: retried %d, new %d, pending %d; want 1, 1, 0", rep.Retried, rep.NewRecords, rep.Pending)
	}
	after := records(t, e.data)
	id := extract.IDFromURL(page.URL)
	if len(after) != 1 || diffRecords(map[string]extract.Record{id: before[id]}, after) != "" {
		t.Errorf("records after the retry: %d, want only %s as the first night made it", len(after), page.URL)
	}
	if _, err := os.Stat(filepath.Join(e.data, PendingFile)); !os.IsNotExist(err) {
		t.Errorf("pending file left after a successful retry: %v", err)
	}
}

// TestEmptyArticlePending: an article the extractor cannot read is counted
// as an extraction error and kept pending for the next night.
func TestEmptyArticlePending(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	e.run(t)
	const path = "/bai-trong-999002.html"
	e.srv.Put("baonghean.vn", path, []byte(""), nil)
	home, err := os.ReadFile(fixtureSites + "/baonghean.vn/thoi-su/index.html")
	if err != nil {
		t.Fatal(err)
	}
	e.srv.Put("baonghean.vn", "/thoi-su", append([]byte(`<a href="`+path+`">x</a>`), home...), nil)
	rep := e.run(t)
	if rep.Articles == 0 {
		t.Fatal("the crawl did not hand over the empty article")
	}
	if rep.Errors[ErrKindExtract] != 1 || rep.Pending != 1 || rep.Status != StatusErrors {
		t.Errorf("empty article: errors %v, pending %d, status %s; want extract:1, 1, errors", rep.Errors, rep.Pending, rep.Status)
	}
	pend, err := readPending(e.data)
	if err != nil || len(pend) != 1 || pend[0].URL != "https://baonghean.vn"+path {
		t.Errorf("pending %+v %v", pend, err)
	}
	if rep := e.run(t); rep.Retried != 1 || rep.Pending != 1 {
		t.Errorf("next night: retried %d, pending %d; want 1, 1 (the archived page is still empty)", rep.Retried, rep.Pending)
	}
	// A new extractor re-extracts the archive once: the page that fails
	// stays pending, and the version is taken as done.
	if err := os.WriteFile(filepath.Join(e.data, extractorFile), []byte("thidua-extract/0.0.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = e.run(t)
	if rep.Reextracted == nil || rep.Reextracted.Errors[ErrKindExtract] != 1 || rep.Pending != 1 {
		t.Errorf("night after a version change: reextracted %+v, pending %d; want 1 extract error, 1 pending", rep.Reextracted, rep.Pending)
	}
	if rep := e.run(t); rep.Reextracted != nil || rep.Retried != 1 {
		t.Errorf("the night after: reextracted %+v, retried %d; want no re-extraction, 1 retried", rep.Reextracted, rep.Retried)
	}
}
