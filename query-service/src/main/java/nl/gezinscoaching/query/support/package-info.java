/** What the projections and views share: batched read-model writes, the coaching norms, CSV answers. */
package nl.gezinscoaching.query.support;
