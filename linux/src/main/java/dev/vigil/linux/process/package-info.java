/**
 * Running scripts the way keepalived does: {@link dev.vigil.linux.process.ScriptCommand#parse(String)} splits a
 * script string, {@link dev.vigil.linux.process.ScriptSecurity#check} applies the load-time checks and
 * {@link dev.vigil.linux.process.ScriptRunner#run} starts a script asynchronously in its own session as its
 * configured user (posix_spawn + util-linux setpriv), killing the whole process group on timeout.
 */
package dev.vigil.linux.process;
