package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/testsite"
)

// TestExtractCommand runs `thidua extract` on JSONL with a bad line and a
// document with no text: the good document still gives its record, the bad
// ones are named by file and line, and the exit status is 3.
func TestExtractCommand(t *testing.T) {
	in := filepath.Join(t.TempDir(), "docs.jsonl")
	docs := `{"id":"a","url":"https://baohatinh.vn/a.html","text":"Chiều 27/2, Khối thi đua Nội chính tỉnh tổ chức hội nghị ký giao ước thi đua năm 2020. Khối gồm 3 đơn vị: Công an tỉnh, Sở Tư pháp và Thanh tra tỉnh."}
not json
{"id":"b"}
`
	if err := os.WriteFile(in, []byte(docs), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runThidua(t, "extract", in)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 3 {
		t.Fatalf("err = %v, want exit status 3", err)
	}
	for _, want := range []string{in + ":2:", in + ":3:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not name %s", stderr, want)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d records, want 1: %q", len(lines), out)
	}
	var rec struct {
		ID          string `json:"id"`
		Relevant    bool   `json:"relevant"`
		Province    string `json:"province"`
		EventDate   string `json:"event_date"`
		MemberCount int    `json:"member_count"`
		Extractor   string `json:"extractor"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.ID != "a" || !rec.Relevant || rec.Province != "Hà Tĩnh" || rec.EventDate != "2020-02-27" || rec.MemberCount != 3 || rec.Extractor == "" {
		t.Errorf("record %+v", rec)
	}
}

// TestExtractFromArchive crawls the fixture sites into a data directory and
// extracts the archive again with --from-archive: one record per URL.
func TestExtractFromArchive(t *testing.T) {
	srv, err := testsite.New("../../testdata/sites", testsite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	f, err := os.Open("../../testdata/sites/sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	src, err := crawl.LoadSources(f, "sources.toml")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	cr, err := crawl.New(src, data, crawl.WithTransport(srv.Transport()), crawl.WithDelay(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cr.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runThidua(t, "extract", "--from-archive", data, "--relevant-only")
	if err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec struct {
			ID       string `json:"id"`
			URL      string `json:"url"`
			Relevant bool   `json:"relevant"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		if !rec.Relevant || rec.URL == "" || seen[rec.URL] {
			t.Errorf("record %+v (relevant only, one per URL)", rec)
		}
		seen[rec.URL] = true
	}
	if len(seen) < 5 {
		t.Errorf("%d relevant records from the archive, want the fixture sites' articles", len(seen))
	}
}
