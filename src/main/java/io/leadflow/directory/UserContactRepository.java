package io.leadflow.directory;

import org.springframework.data.jpa.repository.JpaRepository;

interface UserContactRepository extends JpaRepository<UserContact, String> {}
