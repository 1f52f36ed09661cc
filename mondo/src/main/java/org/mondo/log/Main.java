package org.mondo.log;

import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a program's body and turns every failure into one line on stderr and an exit status:
 * no stack trace reaches the user; it goes to the log.
 */
public final class Main {
    private Main() {}

    /**
     * Parses a program's arguments into its picocli command: a bad option becomes a one-line
     * UserError; returns true when --help or --version was asked for (and has been printed).
     */
    public static boolean parse(String program, picocli.CommandLine cl, String[] args) throws UserError {
        picocli.CommandLine.ParseResult pr;
        try {
            pr = cl.parseArgs(args);
        } catch (picocli.CommandLine.ParameterException e) {
            throw new UserError(e.getMessage() + " (see " + program + " --help)");
        }
        return picocli.CommandLine.printHelpIfRequested(pr);
    }

    public static int run(String program, Callable<Integer> body) {
        // The JDK's default console handler would print log records (and stack traces) on stderr.
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) root.removeHandler(h);
        try {
            return body.call();
        } catch (UserError e) {
            System.err.println(program + ": " + e.getMessage());
            Logger.getLogger("mondo").severe(e.getMessage());
            return e.exitCode();
        } catch (java.io.IOException e) {
            System.err.println(program + ": " + e.getMessage());
            Logger.getLogger("mondo").log(Level.SEVERE, e.getMessage(), e);
            return 1;
        } catch (InterruptedException e) {
            System.err.println(program + ": interrupted");
            return 130;
        } catch (Throwable t) {
            Logger.getLogger("mondo").log(Level.SEVERE, "internal error", t);
            String where = RunLog.current() == null ? "" : " (details in " + RunLog.current() + ")";
            System.err.println(program + ": internal error: " + t + where);
            return 70;
        } finally {
            RunLog.close();
        }
    }
}
