//go:build unix

package crawl

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) the process has used so far;
// benchmarks report it per page, a figure that holds on a busy machine
// where pages/s depends on the share of the cores the run gets.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
