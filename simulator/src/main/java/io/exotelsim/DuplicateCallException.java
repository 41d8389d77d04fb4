package io.exotelsim;

/** A call was registered under a SID the simulator already plays (409 on the control API). */
public class DuplicateCallException extends RuntimeException {

    public DuplicateCallException(String sid) {
        super("call " + sid + " is already registered");
    }
}
