/** Why a command is refused, and how each refusal is answered over HTTP (400, 404, 409). */
package nl.gezinscoaching.command.rules;
