package nightly

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// RunsDir is the folder of the run reports in the data directory.
const RunsDir = "runs"

// reportName is a report's file name: its start time in UTC, which sorts
// as the runs did.
func reportName(t time.Time) string {
	return t.UTC().Format("20060102T150405.000000000Z") + ".json"
}

// writeReport writes rep to <dir>/runs/<start>.json atomically (a reader
// sees the whole report or none) and returns the path.
func writeReport(dir string, rep Report) (string, error) {
	runs := filepath.Join(dir, RunsDir)
	if err := os.MkdirAll(runs, 0o755); err != nil {
		return "", fmt.Errorf("nightly: report: %w", err)
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return "", fmt.Errorf("nightly: report: %w", err)
	}
	path := filepath.Join(runs, reportName(rep.Started))
	if err := writeFileAtomic(path, append(b, '\n')); err != nil {
		return "", fmt.Errorf("nightly: report: %w", err)
	}
	return path, nil
}

// writeFileAtomic writes a temporary file beside path, syncs it and renames
// it over path.
func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Reports returns the last n run reports of the data directory dir, the
// newest first (every report when n <= 0). A directory without runs gives
// none and no error.
func Reports(dir string, n int) ([]Report, error) {
	runs := filepath.Join(dir, RunsDir)
	ents, err := os.ReadDir(runs)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("nightly: reports: %w", err)
	}
	var names []string
	for _, e := range ents {
		if name := e.Name(); !e.IsDir() && strings.HasSuffix(name, ".json") && !strings.HasPrefix(name, ".") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	slices.Reverse(names)
	if n > 0 && len(names) > n {
		names = names[:n]
	}
	reps := make([]Report, 0, len(names))
	for _, name := range names {
		path := filepath.Join(runs, name)
		b, err := os.ReadFile(path)
		if err != nil {
			return reps, fmt.Errorf("nightly: reports: %w", err)
		}
		var rep Report
		if err := json.Unmarshal(b, &rep); err != nil {
			return reps, fmt.Errorf("nightly: report %s: %w", path, err)
		}
		rep.File = path
		reps = append(reps, rep)
	}
	return reps, nil
}
