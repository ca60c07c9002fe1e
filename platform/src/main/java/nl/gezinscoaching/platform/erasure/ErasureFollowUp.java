package nl.gezinscoaching.platform.erasure;

/**
 * What a service does, at start-up, for each registered erasure besides destroying the data key (which
 * every service does): the command service deletes the client-number digest and appends the erasure event
 * a restored database lacks. Runs in the start-up transaction of that erasure.
 */
public interface ErasureFollowUp {

    void apply(RegisteredErasure erasure);
}
