package nightly

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteReport writes one night's report as an aligned table.
func WriteReport(w io.Writer, r Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k string, v any) { fmt.Fprintf(tw, "%s\t%v\n", k, v) }
	row("started", r.Started.Format(time.RFC3339))
	row("duration", r.Finished.Sub(r.Started).Round(time.Millisecond))
	row("status", r.Status)
	if r.Error != "" {
		row("error", r.Error)
	}
	if r.TookOverPID != 0 {
		row("took over lock of", fmt.Sprintf("pid %d (dead)", r.TookOverPID))
	}
	if r.Resumed {
		row("resumed", "yes")
	}
	if rr := r.Reextracted; rr != nil {
		row("re-extracted", fmt.Sprintf("%d articles: %d new, %d changed records", rr.Articles, rr.NewRecords, rr.ChangedRecords))
	}
	row("pages fetched", r.Pages)
	row("not modified", r.NotModified)
	row("requests", r.Requests)
	row("bytes", r.Bytes)
	row("articles", r.Articles)
	row("new records", r.NewRecords)
	row("changed records", r.ChangedRecords)
	row("errors", errorsLine(r.Errors))
	if r.Retried != 0 || r.Pending != 0 {
		row("pending pages", fmt.Sprintf("%d retried from earlier nights, %d left for the next (%s)", r.Retried, r.Pending, PendingFile))
	}
	row("extractor", r.Extractor)
	if r.File != "" {
		row("report", r.File)
	}
	return tw.Flush()
}

// WriteRuns writes one line per run, as Reports returns them.
func WriteRuns(w io.Writer, reps []Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STARTED\tDURATION\tSTATUS\tPAGES\tBYTES\tNEW\tCHANGED\tERRORS")
	for _, r := range reps {
		fmt.Fprintf(tw, "%s\t%v\t%s\t%d\t%d\t%d\t%d\t%s\n", r.Started.Local().Format("2006-01-02 15:04:05"),
			r.Finished.Sub(r.Started).Round(time.Second), r.Status, r.Pages, r.Bytes, r.NewRecords, r.ChangedRecords, errorsLine(r.Errors))
	}
	return tw.Flush()
}

// errorsLine is "-" or the counts by kind, "http-503:2 timeout:1".
func errorsLine(m map[string]int) string {
	if len(m) == 0 {
		return "-"
	}
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s:%d", k, v))
	}
	slices.Sort(parts)
	return strings.Join(parts, " ")
}
