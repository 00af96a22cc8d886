package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/thidua/thidua/extract"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the program's version and the extractor version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "thidua %s\nextractor %s\n", version, extract.Version)
			return err
		},
	}
}
