package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
