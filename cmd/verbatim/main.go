// Command verbatim codes interview transcripts: with no arguments it opens
// the window, otherwise it runs one command on a project (see "verbatim help").
package main

import (
	// First, for its side effect: it repairs the locale before Fyne reads it.
	_ "codeberg.org/verbatim/verbatim/cmd/verbatim/locale"
	// The collector stays off while the packages initialise.
	"codeberg.org/verbatim/verbatim/cmd/verbatim/startup"

	"context"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2/app"

	"codeberg.org/verbatim/verbatim/cmd/verbatim/cli"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/ui"
)

// Version is Verbatim's version, set when building a release:
//
//	go build -ldflags "-X main.Version=1.0.0" ./cmd/verbatim
var Version = "dev"

func main() {
	startup.Done()
	attachConsole(os.Args[1:]) // verbatim.exe's commands print in cmd.exe too
	// Ctrl-C or a TERM signal cancels the command, which stops cleanly
	// and says what it did.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, DataDir: cli.DataDir(), CacheDir: cli.CacheDir(), Version: Version}
	env.OpenGUI = func(p *model.Project) error {
		// The window takes its signals back: once its loop runs, Fyne's
		// driver quits on INT and TERM (closing no window: ui closes their
		// projects as the app stops); until then they end the process as they do by default. (Caught
		// here, they only cancelled ctx, which no window watches: a TERM
		// while the window opened left it running for good.)
		stop()
		return openWindow(p, env)
	}
	code := cli.Run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// openWindow runs the window on p; projects opened from the window join
// the recent projects too. Without a desktop session it says so instead.
func openWindow(p *model.Project, env cli.Env) (err error) {
	if err := cli.CheckDesktop(os.Getenv); err != nil {
		return err
	}
	defer cli.WindowFailed(&err)
	return ui.Run(app.NewWithID("app.verbatim.Verbatim"), p, ui.Options{
		CacheDir:        env.CacheDir,
		OnProjectOpened: func(path string) error { return cli.RememberProject(env.DataDir, path) },
		Recent:          func() []string { return cli.RecentProjects(env.DataDir) },
		Version:         env.Version,
		Demo:            cli.DemoPath(env.DataDir),
		DataDir:         env.DataDir,
	})
}
