// Command leitstand is the Leitstand control plane: the administration API
// (Connect, gRPC and gRPC-Web on one port) and the admin SPA, plus the
// command-line tasks around them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	// The invoice calendar's time zones, whatever the host or image has.
	_ "time/tzdata"
)

const usage = `Leitstand — the control plane of a hosting platform.

Usage:
  leitstand serve [flags]                 serve the API and the admin SPA
  leitstand migrate [--status] [flags]    apply the pending schema migrations (--status: list them)
  leitstand seed --demo | --orgs N        add demo data, or N synthetic organizations
  leitstand admin create-owner [flags]    create a user with the platform role OWNER
  leitstand audit verify [flags]          check the audit trail's hash chain
  leitstand jobs list [flags]             the scheduled jobs, their next and last runs
  leitstand jobs run NAME [flags]         run one job now and wait for it

Every flag can also be set by an environment variable (LEITSTAND_…);
run "leitstand serve -h" to see them.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "leitstand:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("name a command")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "serve":
		return serve(ctx, rest)
	case "migrate":
		return migrate(ctx, rest)
	case "seed":
		return seed(ctx, rest)
	case "admin":
		if len(rest) > 0 && rest[0] == "create-owner" {
			return createOwner(ctx, rest[1:])
		}
		return errors.New(`unknown admin command; try "leitstand admin create-owner"`)
	case "audit":
		if len(rest) > 0 && rest[0] == "verify" {
			return auditVerify(ctx, rest[1:])
		}
		return errors.New(`unknown audit command; try "leitstand audit verify"`)
	case "jobs":
		return jobsCommand(ctx, rest)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	default:
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}
