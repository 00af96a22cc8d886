// Command thidua crawls Vietnamese provincial news, extracts one record per
// article about the internal-affairs emulation bloc (Khối thi đua Nội chính)
// and answers researchers' questions over the records.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// version is the program's version; the build may set it with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// exitError carries an exit code chosen by a subcommand.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "thidua",
		Short: "Turn Vietnamese provincial news about the Khối thi đua Nội chính into a research dataset",
		Long: `thidua crawls Vietnamese provincial news and government sites, extracts one
record per article about the internal-affairs emulation bloc (Khối thi đua
Nội chính): province, year, date, members, theme, awards, leader; and keeps
the records as a corpus that compares provinces and years.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newVersionCmd(),
		newNormalizeCmd(),
		newExtractCmd(),
	)
	root.AddCommand(moreCommands()...)
	return root
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := newRootCmd().ExecuteContext(ctx)
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "thidua:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		os.Exit(ee.code)
	}
	os.Exit(1)
}
