/**
 * Crypto-shredding: personal fields of events ({@code @PersonalData}) are stored encrypted with a data key
 * per family (AES-256-GCM); erasing the key erases the data in every copy of every event.
 */
package nl.gezinscoaching.platform.crypto;
