package nightly

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thidua/thidua/crawl/testsite"
	"github.com/thidua/thidua/extract"
)

func TestFirstNight(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	rep := e.run(t)
	recs := records(t, e.data)
	t.Logf("first night: %d pages, %d bytes, %d articles, %d records, errors %v", rep.Pages, rep.Bytes, rep.Articles, len(recs), rep.Errors)
	if rep.Status != StatusOK && rep.Status != StatusErrors {
		t.Errorf("status %q (%s)", rep.Status, rep.Error)
	}
	if rep.Articles == 0 || rep.NewRecords != rep.Articles || len(recs) != rep.NewRecords {
		t.Errorf("articles %d, new records %d, stored %d: want all equal and > 0", rep.Articles, rep.NewRecords, len(recs))
	}
	if rep.Errors[ErrKindExtract] != 0 || rep.Errors[ErrKindStore] != 0 {
		t.Errorf("extract or store errors: %v", rep.Errors)
	}
	relevant := 0
	for _, r := range recs {
		if r.Extractor != extract.Version {
			t.Errorf("record %s: extractor %q", r.ID, r.Extractor)
		}
		if r.Relevant {
			relevant++
		}
	}
	if relevant == 0 {
		t.Error("no relevant record from the fixture sites")
	}
	// The report on disk is the one returned.
	b, err := os.ReadFile(rep.File)
	if err != nil {
		t.Fatal(err)
	}
	var disk Report
	if err := json.Unmarshal(b, &disk); err != nil {
		t.Fatal(err)
	}
	if disk.NewRecords != rep.NewRecords || disk.Pages != rep.Pages || !disk.Started.Equal(rep.Started) {
		t.Errorf("report on disk %+v, returned %+v", disk, rep)
	}
	if dir := filepath.Dir(rep.File); dir != filepath.Join(e.data, RunsDir) {
		t.Errorf("report written in %s", dir)
	}
}

// TestSecondNight: over unchanged sites the second night fetches at most 5 %
// of the first night's bytes and changes no record.
func TestSecondNight(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	e.run(t)
	first := e.srv.Stats().Bytes
	before := records(t, e.data)
	e.srv.ResetStats()
	rep := e.run(t)
	second := e.srv.Stats().Bytes
	t.Logf("first night %d bytes, second %d bytes (%.2f %%); report bytes %d", first, second, 100*float64(second)/float64(first), rep.Bytes)
	if second*20 > first {
		t.Errorf("second night fetched %d bytes, more than 5 %% of %d", second, first)
	}
	if rep.NewRecords != 0 || rep.ChangedRecords != 0 {
		t.Errorf("second night: %d new, %d changed records", rep.NewRecords, rep.ChangedRecords)
	}
	if diff := diffRecords(before, records(t, e.data)); diff != "" {
		t.Errorf("records changed:\n%s", diff)
	}
}

// TestNewArticle: a night with one new article adds exactly its record.
func TestNewArticle(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	e.run(t)
	before := records(t, e.data)
	const path = "/khoi-thi-dua-noi-chinh-ky-ket-giao-uoc-2026-999001.html"
	body := `<html><head><meta charset="utf-8"><title>Khối thi đua Nội chính tỉnh ký kết giao ước thi đua năm 2026</title></head><body>
<h1 class="article-title">Khối thi đua Nội chính tỉnh Nghệ An ký kết giao ước thi đua năm 2026</h1>
<span class="time">15/01/2026 10:00</span>
<div class="article-body"><p>Sáng 15/1, Khối thi đua Nội chính tỉnh Nghệ An tổ chức ký kết giao ước thi đua năm 2026.
Khối gồm các đơn vị: Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh.</p></div>
</body></html>`
	e.srv.Put("baonghean.vn", path, []byte(body), nil)
	home, err := os.ReadFile(fixtureSites + "/baonghean.vn/thoi-su/index.html")
	if err != nil {
		t.Fatal(err)
	}
	e.srv.Put("baonghean.vn", "/thoi-su", []byte(strings.Replace(string(home), `<body class="category">`, `<body class="category"><a href="`+path+`">mới</a>`, 1)), nil)
	rep := e.run(t)
	after := records(t, e.data)
	if rep.NewRecords != 1 || rep.ChangedRecords != 0 {
		t.Errorf("night with a new article: %d new, %d changed records (articles %d)", rep.NewRecords, rep.ChangedRecords, rep.Articles)
	}
	id := extract.IDFromURL("https://baonghean.vn" + path)
	rec, ok := after[id]
	if !ok {
		t.Fatalf("no record %s for the new article", id)
	}
	if !rec.Relevant {
		t.Errorf("new article's record not relevant: %+v", rec)
	}
	delete(after, id)
	if diff := diffRecords(before, after); diff != "" {
		t.Errorf("other records changed:\n%s", diff)
	}
}

func TestLocked(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	lk, err := acquire(e.data)
	if err != nil {
		t.Fatal(err)
	}
	defer lk.release()
	_, err = Run(context.Background(), e.options())
	var le *LockedError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &le) || le.PID != os.Getpid() {
		t.Fatalf("Run while locked: %v, want a LockedError naming pid %d", err, os.Getpid())
	}
	if st := e.srv.Stats(); st.Requests != 0 {
		t.Errorf("a refused run sent %d requests", st.Requests)
	}
	if reps, err := Reports(e.data, 0); err != nil || len(reps) != 0 {
		t.Errorf("a refused run left reports: %v %v", reps, err)
	}
}

func TestStaleLockTakenOver(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	// A run killed while holding the lock leaves its pid in the file; the
	// kernel dropped its flock.
	if err := os.WriteFile(filepath.Join(e.data, LockFile), []byte("999999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := e.run(t)
	if rep.TookOverPID != 999999 {
		t.Errorf("took over pid %d, want 999999", rep.TookOverPID)
	}
	b, err := os.ReadFile(filepath.Join(e.data, LockFile))
	if err != nil || len(b) != 0 {
		t.Errorf("lock file after a clean run: %q %v, want empty", b, err)
	}
	if rep := e.run(t); rep.TookOverPID != 0 {
		t.Errorf("a run after a clean one took over pid %d", rep.TookOverPID)
	}
}

// diffRecords lists the ids added, removed or different between two sets.
func diffRecords(a, b map[string]extract.Record) string {
	var out []string
	for id, ra := range a {
		rb, ok := b[id]
		if !ok {
			out = append(out, "- "+id+" "+ra.URL)
			continue
		}
		ja, _ := json.Marshal(ra)
		jb, _ := json.Marshal(rb)
		if string(ja) != string(jb) {
			out = append(out, fmt.Sprintf("~ %s %s\n  was %s\n  now %s", id, ra.URL, ja, jb))
		}
	}
	for id, rb := range b {
		if _, ok := a[id]; !ok {
			out = append(out, "+ "+id+" "+rb.URL)
		}
	}
	return strings.Join(out, "\n")
}
