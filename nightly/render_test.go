package nightly

import (
	"os"
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
