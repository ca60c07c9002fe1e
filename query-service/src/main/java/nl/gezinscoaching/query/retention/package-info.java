/** Retention: files whose keeping period (20 years after care ended) has passed, due for destruction. */
package nl.gezinscoaching.query.retention;
