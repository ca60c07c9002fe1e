/**
 * What the projections and views share: batched read-model writes, the coaching norms, the supported
 * days, paged and streamed list queries, CSV answers.
 */
package nl.gezinscoaching.query.support;
