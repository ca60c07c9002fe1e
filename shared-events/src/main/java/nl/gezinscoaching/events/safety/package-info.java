/** Safety of the children: risk assessments and reports under the national reporting code. */
package nl.gezinscoaching.events.safety;
