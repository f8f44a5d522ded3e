-- The second database: Rasa's tracker store (conversations). The first, pathfinder, is POSTGRES_DB.
CREATE DATABASE rasa_tracker OWNER pathfinder;
