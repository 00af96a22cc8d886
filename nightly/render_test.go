package nightly

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func ExampleWriteRuns() {
	at := time.Date(2026, 3, 2, 2, 0, 0, 0, time.Local)
	WriteRuns(os.Stdout, []Report{
		{Started: at, Finished: at.Add(95 * time.Second), Status: StatusErrors, Pages: 412, Bytes: 5120000, NewRecords: 3, Errors: map[string]int{"timeout": 1, "http-503": 2}},
		{Started: at.AddDate(0, 0, -1), Finished: at.AddDate(0, 0, -1).Add(80 * time.Second), Status: StatusOK, Pages: 398, Bytes: 240000},
	})
	// Output:
	// STARTED              DURATION  STATUS  PAGES  BYTES    NEW  CHANGED  ERRORS
	// 2026-03-02 02:00:00  1m35s     errors  412    5120000  3    0        http-503:2 timeout:1
	// 2026-03-01 02:00:00  1m20s     ok      398    240000   0    0        -
}

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/nightly")

// golden compares got with the file ../testdata/nightly/name, or rewrites it
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "nightly", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update and review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// goldenReport is a night with a bit of everything.
func goldenReport() Report {
	at := time.Date(2026, 3, 2, 2, 17, 0, 0, time.UTC)
	return Report{
		Started: at, Finished: at.Add(83*time.Second + 250*time.Millisecond), Status: StatusErrors,
		Extractor: "thidua-extract/0.1.0", TookOverPID: 31337, Resumed: true,
		Pages: 412, NotModified: 380, Requests: 430, Bytes: 5120000,
		Articles: 4, NewRecords: 3, ChangedRecords: 1,
		Errors:      map[string]int{"http-503": 2, "trap": 6, ErrKindExtract: 1},
		FetchErrors: 2, Retried: 1, Pending: 1,
		Reextracted: &ReextractReport{Extractor: "thidua-extract/0.1.0", Articles: 16, ChangedRecords: 2, UnchangedRecords: 14, Errors: map[string]int{}},
	}
}

func TestReportGolden(t *testing.T) {
	rep := goldenReport()
	tests := []struct {
		name  string
		file  string
		write func(io.Writer) error
	}{
		{"table", "report.txt", func(w io.Writer) error { return WriteReport(w, rep) }},
		{"json", "report.json", func(w io.Writer) error {
			b, err := json.MarshalIndent(rep, "", "  ")
			w.Write(append(b, '\n'))
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.file, b.Bytes())
		})
	}
	t.Run("read back", func(t *testing.T) {
		// A report written by writeReport reads back as it was.
		dir := t.TempDir()
		if _, err := writeReport(dir, rep); err != nil {
			t.Fatal(err)
		}
		reps, err := Reports(dir, 1)
		if err != nil || len(reps) != 1 {
			t.Fatalf("reports: %v %v", reps, err)
		}
		reps[0].File = ""
		a, _ := json.Marshal(reps[0])
		b, _ := json.Marshal(rep)
		if !bytes.Equal(a, b) {
			t.Errorf("read back\n%s\nwant\n%s", a, b)
		}
	})
}
